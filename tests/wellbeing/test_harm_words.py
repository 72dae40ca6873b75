"""Words in her note that speak of ending her life, of self-harm or of harming the baby."""

import json
from pathlib import Path

import pytest

from nestwell.wellbeing import harm_words
from nestwell.wellbeing.harm_words import mentions_harm, normalized


@pytest.mark.parametrize("note", [
    "I just want to END IT ALL",
    "Sometimes I think they'd be better off without me.",
    "I don’t want to be here anymore",
    "dont want to live like this",
    "Suicidal thoughts again tonight",
    "scared I might hurt the baby when he screams",
    "I had thoughts of hurting myself",
    "self-harm urges",
    "Je n’ai plus envie de vivre",
    "j'ai peur de faire du mal a mon bebe",
    "envie d’en finir avec la vie",
    "J'ai peur de lui faire du mal",
    "Ich habe Angst, mir etwas anzutun",
    "Ich moechte sterben",  # "oe" typed for "ö"
    "Me quiero matar",
    "عايزة أموت",
    "أريد أن أمــوت",  # stretched with tatweel
    "Ich möchte STERBEN",
    "Selbstmordgedanken seit gestern",
    "ich will mir etwas antun",
    "quiero morirme ya",
    "tengo miedo de hacerle daño al bebé",
    "أريد أن أموت",
    "أُرِيدُ أَنْ أَمُوتَ",  # with its short vowels
    "وأريد أن أموت",  # "and" glued to the first word
    "فكرت بالانتحار",
    # The safety audit of 6 Dec: natural phrasings the list had missed.
    "ive been having thoughts of hurting my self",
    "I'M SCARED I MIGHT HURT HER",
    "I wish I could just disappear",
    "everyone would be better of without me",
    "I keep wanting to hurt myself",
    "I might harm myself",
    "my family would be better without me",
    "everyone would be better off if i wasnt here",
    "sucide",
    "I want to kil myself",
    "I'm afraid I'll hurt my son",
    "I worry I'll hurt the baby",
    "I felt like shaking the baby",
    "I thought about smothering her",
    "intrusive thoughts about dropping the baby",
    "I took too many pills",
    "I want to walk into traffic",
    "no point in living",
    "life isn't worth living",
    "I don't see the point of living",
    "I'm not safe",
])
def test_a_note_that_speaks_of_harm_is_heard(note):
    assert mentions_harm(note)


@pytest.mark.parametrize("note", [
    "",
    "   ",
    None,
    "Long night, sweet morning.",
    "this baby is killing me, 4 feeds since midnight",
    "I can't go on like this with no sleep",
    "dying of laughter at her first giggle",
    "I hurt myself on the cot rail",
    "cut myself slicing bread",
    "ça va me tuer ce bébé",
    "hâte d’en finir avec les coliques",
    "este bebé va a matarme",
    "kill myselfie",  # a phrase is whole words
    # A question or advice about the baby is not a wish, an urge or a fear of one's own.
    "Does caffeine in breast milk harm my baby?",
    "Health visitor reminded us: never shake the baby",
    "I don't want to wake up at 5am again tomorrow",
    "J'ai envie d'en finir avec l'allaitement",
    "Il dort mieux sans moi dans la chambre",
    "Est-ce que le café peut faire du mal au bébé ?",
    "Sie schläft ohne mich besser",
    "Hoffentlich wird er heute Nacht nicht mehr aufwachen",
    "Die Impfung wird dem Baby weh tun",
    "Se duerme mejor sin mi ayuda",
    "¿El ibuprofeno puede hacer daño al bebé?",
    "أموت من الضحك",  # dying of laughter
    "I could murder a coffee",
    "I'd kill for some sleep",
    "the pram is better without the hood",
    "is it safe to give her paracetamol?",
    "We took too many photos today",
])
def test_a_tired_or_ordinary_note_is_left_alone(note):
    assert not mentions_harm(note)


def test_notes_are_read_without_case_accents_or_punctuation():
    assert normalized("  Don’t,  WANT—to bébé!! ") == " don t want to bebe "
    assert normalized("d’en finir, l'air") == " d en finir l air "
    assert normalized("أَمُوتُ إلى") == " اموت الي "
    assert normalized("snake_case") == " snake case "


def test_every_phrase_of_every_language_is_heard_as_written():
    data = json.loads(harm_words.PHRASES_FILE.read_text(encoding="utf-8"))
    languages = {key for key in data if not key.startswith("_")}
    assert {"en", "fr", "de", "es", "ar"} <= languages
    for language in languages:
        assert data[language], language
        for item in data[language]:
            for phrase in harm_words.expanded(item.strip("*")):
                typed = " ".join(phrase.split())
                assert typed, (language, item)
                assert mentions_harm(f"and then {typed} again"), (language, phrase)
                assert mentions_harm(typed.upper()), (language, phrase)


def test_alternatives_expand_to_every_phrase():
    assert harm_words.expanded("{want|urge} to {hurt|harm} {own|}") == [
        "want to hurt own", "want to hurt ", "want to harm own", "want to harm ",
        "urge to hurt own", "urge to hurt ", "urge to harm own", "urge to harm "]
    assert harm_words.expanded("no choice") == ["no choice"]


def test_a_phrase_is_whole_words_unless_marked(tmp_path):
    path = tmp_path / "phrases.json"
    path.write_text(json.dumps({"_about": "x", "en": ["end it", "suicid*"],
                                "ar": ["*انتحار*"]}), encoding="utf-8")
    assert harm_words.phrases(path) == (" end it ", " suicid", "انتحار")


def test_an_empty_phrase_is_refused(tmp_path):
    path = tmp_path / "phrases.json"
    path.write_text(json.dumps({"en": ["ok", "  !! "]}), encoding="utf-8")
    with pytest.raises(ValueError):
        harm_words.phrases(path)


# Aoife's walk (7 Dec): her baby by name, and phrasings the list had missed.
@pytest.mark.parametrize(("note", "names"), [
    ("I'm scared I'll hurt Cian", ["Cian"]),
    ("I had thoughts of shaking Cian", ["Cian"]),
    ("I keep thinking of hurting Cian tonight", ["Cian", "Aoibhe"]),
    ("I could smother Cian", ["Cian"]),
    ("j'ai peur de faire du mal à Léa", ["Léa"]),
    ("Ich habe Angst, Lea weh zu tun", ["Lea"]),
    ("a veces quiero sacudir a Lucía", ["Lucía"]),
    ("أخاف أن أؤذي نور", ["نور"]),
    ("thoughts of hurting Mary Jane", ["Mary Jane"]),
])
def test_a_note_that_names_the_baby_is_heard(note, names):
    assert not mentions_harm(note)
    assert mentions_harm(note, names)
    assert mentions_harm(note.upper(), [n.lower() for n in names])


@pytest.mark.parametrize("note", [
    "I'm going to top myself",
    "I've been thinking about ending things",
    "I want to go to sleep and never wake up",
    "I can't go on living like this",
    "I might hurt my daughter",
    "thinking of doing myself in",
])
def test_more_ways_of_saying_it_are_heard(note):
    assert mentions_harm(note)


@pytest.mark.parametrize(("note", "names"), [
    ("I hope Cian sleeps tonight", ["Cian", "Hope"]),
    ("Cian smiled at me, I could cry", ["Cian"]),
    ("I just want to sleep and not wake up until noon", ["Cian"]),
    ("Scared Cian will get a cold from his cousin", ["Cian"]),
    ("Cian", ["Cian", "", "  "]),
])
def test_a_name_alone_does_not_make_a_note_risky(note, names):
    assert not mentions_harm(note, names)


def test_each_name_is_read_in_each_languages_words_for_the_baby():
    found = harm_words.readings("afraid I'll hurt Léa, Léa", ["Lea", "Noor"])
    assert found[0] == " afraid i ll hurt lea lea "
    assert " afraid i ll hurt the baby the baby " in found
    assert len(found) == 1 + len(harm_words.BABY_WORDS)


# Chloé's walk (Montréal, 7 Dec): the ways Québec says it.
@pytest.mark.parametrize("note", [
    "J'ai le goût de mourir, pis je suis à bout.",
    "j'ai pu le goût de vivre",
    "Je veux pu vivre",
    "J'aimerais mourir",
    "je voudrais disparaître",
    "je voudrais être morte",
    "j'ai envie de me pendre",
    "envie de sauter du pont Jacques-Cartier",
    "je voudrais m'endormir et ne jamais me réveiller",
    "je ne veux plus être là",
    "peur d'étouffer mon bébé",
])
def test_quebec_french_is_heard(note):
    assert mentions_harm(note)


@pytest.mark.parametrize("note", [
    "J'ai le goût de dormir douze heures",
    # The review's: French sayings of a tired day.
    "je vais mourir de fatigue",
    "je vais crever de faim",
    "je vais crever l'abcès avec lui ce soir",
    "Je vais dormir et me réveiller à midi",
    "Elle a le goût de jouer ce matin",
])
def test_quebec_french_everyday_is_left_alone(note):
    assert not mentions_harm(note)


# Bisi's walk (7 Dec: triplets, Manchester): what a tired mother of three wrote that the
# list had missed, and the everyday lines of the same family it leaves alone.
@pytest.mark.parametrize("note", [
    "what's the point of me. they would be fine if i was gone",
    "sometimes i think about shaking the baby when she wont stop screaming",
    "thought about walking into the road on the way back from the GP",
    "everyone would be better off if I was dead",
    "I don't want to wake up tomorrow",
    "thought about walking into traffic",
    "I could hurt my babies",
    "scared I'll hurt the twins",
    "thoughts of hurting the triplets",
    "thinking about hurting them",
    "thinking about taking all my pills",
    "I want to swallow all the tablets",
    "the twins would be happier if I was gone",
    "j'ai peur de faire du mal à mes jumeaux",
    "tengo miedo de hacerles daño a mis gemelos",
    "Ich habe Angst, den Babys weh zu tun",
])
def test_a_mother_of_several_is_heard(note):
    assert mentions_harm(note)


def test_a_baby_called_by_name_with_a_present_think_is_heard():
    assert mentions_harm("I think about shaking Kemi", ["Tolu", "Kemi", "Dayo"])
    assert not mentions_harm("I think about Kemi's reflux", ["Tolu", "Kemi", "Dayo"])


@pytest.mark.parametrize("note", [
    "I've been taking all my pills on time",
    "I want to drop them at my mum's for an hour",
    "no point going to bed now",
    "These three are killing me",
    "I could die for a full night's sleep",
    "we think about taking them to the park",
    "thinking about dropping the twins at nursery",
    "I don't want to wake up at 5 again",
    "Femi says they'd be fine without me for an evening",
    # The review of 7 Dec: lines the first draft of those phrases heard as harm.
    "I don't want to hurt them by saying no to the visit",
    "I'd never want to hurt them",
    "afraid I'd hurt them, my in-laws, if we skip christmas",
    "the twins would be fine if I was gone for the afternoon",
    "what's the point of being here at 7 if clinic opens at 9",
    "what's the point in going on holiday with twins",
    "no point going on the walk in this rain",
    "going to take all my tablets to the pharmacy for a review",
    "want to take all the meds back to the chemist",
    "took all my pills at once this morning (vitamins, iron)",
    "miedo de hacerles daño al bañarlos",
    "Ich habe Angst, dass jemand ihnen etwas antun könnte",
    "peur de leur faire du mal en coupant les ongles",
])
def test_the_same_familys_everyday_lines_are_left_alone(note):
    assert not mentions_harm(note)


# The safety audit of 7 Dec: about forty notes of risk and twenty everyday notes in each
# language, as a tired mother types them (text-speak, dialects, plans, intrusive thoughts).
AUDIT = json.loads((Path(__file__).parent / "data" / "harm_audit_notes.json").read_text(
    encoding="utf-8"))
AUDIT_LANGUAGES = [lang for lang in AUDIT if not lang.startswith("_") and lang != "left"]


@pytest.mark.parametrize("lang", AUDIT_LANGUAGES)
def test_the_audits_notes_of_risk_are_heard(lang):
    missed = [note for note in AUDIT[lang]["risk"] if not mentions_harm(note, ["Kemi", "Noah"])]
    assert missed == []


@pytest.mark.parametrize("lang", AUDIT_LANGUAGES)
def test_the_audits_everyday_notes_are_left_alone(lang):
    heard = [note for note in AUDIT[lang]["ordinary"] if mentions_harm(note, ["Kemi", "Noah"])]
    assert heard == []


def test_what_the_audit_left_is_still_as_it_was():
    """Written down so that a change to the list says so when it mends one (or loses one)."""
    assert not any(mentions_harm(note) for note in AUDIT["left"]["risk"])
    assert all(mentions_harm(note) for note in AUDIT["left"]["ordinary"])


# Yasmin's walk (Amman, 7 Dec): Levantine Arabic the list missed, online and offline.
@pytest.mark.parametrize("note", [
    "بدي أأذي نفسي", "بتمنى لو اموت", "بفكر اذي حالي", "بدي اأذي حالي", "ودي اموت",
    "لو بموت بريح الكل", "bdi 2azi lina", "خايفة اأذي البنت", "فكرت اني اأذي لينا",
    "ما بدي اصحى ابدا",
])
def test_a_levantine_mother_is_heard(note):
    assert mentions_harm(note, ["Lina", "لينا"])  # her name as the household wrote it


@pytest.mark.parametrize("note", [
    "هلكانة من التعب", "موتتني من الضحك", "ما بدي اصحى بكير بكرا", "بتمنى لو نام شوي",
    "اخاف اضرب الباب واصحي البنت",
])
def test_her_everyday_lines_are_left_alone(note):
    assert not mentions_harm(note, ["Lina"])


def test_reading_by_word_finds_what_reading_every_phrase_finds():
    """The index by word (``by_first_word``) is only a faster way: every phrase, as a note
    of its own, inside longer words, and between other words, gives the answer of reading
    the note against every phrase."""
    import random

    def every_phrase(text, names=()):
        # ``heard`` is false for a phrase not in the note: ``in`` skips those sooner.
        return any(harm_words.heard(p, n) for n in harm_words.readings(text, names)
                   for p in harm_words.phrases() if p in n)

    sample = random.Random(7).sample(harm_words.phrases(), 3000)
    notes = [p.strip() for p in sample[:1000]]
    notes += ["x" + p.strip() + "y" for p in sample[1000:2000]]
    notes += [f"so tired{p}and then some" for p in sample[2000:]]
    notes += AUDIT["left"]["risk"] + AUDIT["left"]["ordinary"]
    found = [(n, every_phrase(n, ["Nora"])) for n in notes]
    assert [n for n, heard in found if mentions_harm(n, ["Nora"]) != heard] == []
    assert sum(heard for _n, heard in found) > 1500  # most of them are heard


# The walks of 7 Dec: what the list missed (heard now) and their everyday lines (left
# alone), with each baby's name, as a household would have it.
WALKS = {
    # Ben's walk (Leeds: a tired dad's Yorkshire and text-speak).
    "Ben": ("Maisie", [
        "feel like topping myself", "wish i could just go to sleep n not wake up tbh",
        "thinkin of endin it", "no point in me being here anymore",
        "might as well not be here anymore",
        "I could just drive the car into a wall on the ring road",
    ], [
        "this reflux is killing me lol", "Maisie nearly threw herself off the changing mat",
        "dying for a brew", "topping myself up with coffee before the 6am feed",
        "no point in me being here till she wakes", "i could easily sleep for a week",
        "could easily top myself up with another coffee",
        "might as well not be here for the weigh-in",
    ]),
    # Sofía's walk (Mexico City: Mexican Spanish, typed fast).
    "Sofía": ("Mateo", [
        "me dan ganas de aventarlo cuando no deja de llorar", "ya no kiero vivir",
        "siento q soy una carga, mejor me voy y ya no regreso", "ganas de cortarme otra vez",
        "si lo sacudo a lo mejor se calla", "quisiera no despertar nunca",
        "me tomo todas las pastillas", "sacudí a Mateo",
    ], [
        "me muero de sueño", "Mateo me mató de risa", "estoy muerta de cansancio",
        "se me va a caer el pelo", "quiero cortarme el pelo",
        "el pañal lo voy a aventar a la basura", "no quiero despertar temprano",
        "me volví a cortar el flequillo", "la alfombra la sacudí",
        "si la sacudo sale polvo de la cobija", "no quiero despertar mañana a las 6",
        "quisiera dormir y no despertar hasta las 10",
    ]),
    # Anna's walk (Berlin: German as a tired mother types it, umlauts or not).
    "Anna": ("Mila", [
        "ich kann nicht mehr, will einfach nicht mehr aufwachen",
        "hab überlegt alle tabletten zu nehmen", "hab uberlegt alle tabletten zu nehmen",
        "ich halte das geschrei nicht aus, hätte sie fast geschüttelt",
        "haette sie fast geschuettelt", "ich nehm einfach alle tabletten",
        "ich schluck alle tabletten", "will alle pillen nehmen", "ich tu mir was an",
        "ich will ihr wehtun", "ohne mich wären alle besser dran",
        "ich will einschlafen und nicht mehr aufwachen", "wär am liebsten tot",
        "will vor den zug springen", "ich könnte sie aus dem fenster werfen",
        "ich drück ihr ein kissen aufs gesicht", "ich hab Mila geschüttelt",
    ], [
        "ich bin todmüde", "die Nacht hat mich umgebracht", "ich sterbe vor Hunger",
        "Mila hat mich zum Lachen gebracht, ich lach mich tot",
        "ich will ihr nicht wehtun beim Nägelschneiden", "ich hab die Flasche geschüttelt",
        "die Flasche, ich hab sie gut geschüttelt",
        "ich nehme alle tabletten die die hebamme empfohlen hat",
    ]),
    # Keisha's walk (Atlanta, 19: lowercase, dropped g's, "ion", "wanna", "fr").
    "Keisha": ("Jaylen", [
        "ion wanna be here no more", "thinkin bout killin myself",
        "sometimes i wanna just disappear forever", "i feel like shakin him when he wont stop",
        "ima end it", "i wanna kms", "i might hurt him idk", "ion wanna live",
        "he overwhelmed fr. i might hurt him idk", "i want 2 die",
        "i want to sleep forever and not wake up", "i wanna disappear",
        "scared ima hurt jaylen", "i wanna hurt her",
    ], [
        "this lil boy killin me lol", "i'm dead tired", "dying to sleep",
        "walked 5 kms with the stroller", "i could sleep forever", "ion know what to feed him",
        "shakin the bottle before feedin", "wanna go to the park", "he wont stop cryin",
        "Jaylen had me dyin laughin", "gonna kill this nap", "i might hurt my back liftin him",
        "i want 2 oz next time", "again and again", "i might hurt her feelings",
        "i might shake her awake for the feed", "i'm going to end it with her dad",
        "i'm going to end it here for today", "i could sleep forever and never wake up lol",
        "we walked kms today", "i might shake Jaylen awake",
    ]),
    # The review of 7 Dec: a name ending in "in", "again", short forms in a row.
    "Kevin": ("Kevin", [
        "i wanna hurt Kevin", "been cuttin again", "i dont wanna wake up ever again",
        "i want 2 b dead", "i'ma end it", "ima hurt kevin", "i will hurt the baby",
        "i could just smother him", "me kiero matar", "ich will nich mehr leben",
        "will mich umbringn",
    ], ["Kevin smiled again", "again and again, kevin wont settle"]),
    # The second review of 7 Dec: an everyday continuation must never silence a method, a
    # place or a time ("_unless_next" lists whole continuations, never a bare word).
    "Review": ("Kevin", [
        "i'm going to end it here tonight", "i'm going to end it with pills tonight",
        "ima end it with pills", "i have enough pills to end it with",
        "i want to shake him to death", "i'm scared i'll shake her to death",
        "i want to shake her to make her stop", "i'm scared i might shake him a lot",
        "i want to shake the baby up and down", "i want to shake Kevin to death",
        "je veux en finir avec ma vie", "je veux en finir avec mes jours",
        "je vais en finir avec cette vie",
    ], ["i might shake Kevin awake", "je veux en finir avec les couches"]),
    # Camille's walk (Lyon: a frightened mother of a baby in the unit, typing fast).
    "Camille": ("Inès", [
        "jpeux plus, jveux en finir", "je veux en finir", "j ai envie d en finir",
        "jveux me tuer", "jveu plus vivre", "jveux lui faire du mal",
        "jpourrais lui faire du mal", "chuis un danger pour ma fille",
        "jsuis un danger pour Inès", "personne aurait besoin de moi, autant disparaitre",
        "jsuis un poids pour tout le monde", "jme suis coupée exprès",
    ], [
        "je suis morte de fatigue", "ce tire-lait va me tuer", "mort de rire",
        "jen peux plus de ces bips", "j ai envie d en finir avec l allaitement",
        "je veux en finir avec le tire-lait", "hâte d’en finir avec les coliques",
        "jsuis un danger en cuisine lol",
    ]),
    # Ingrid's walk (Berlin: seven weeks after a caesarean, low for weeks).
    "Ingrid": ("Emil", [
        "Ich hab Gedanken, mich umzubringen", "ich würde mich am liebsten umbringen",
        "Lieber Emil, ich hab Gedanken, mich umzubringen", "ich will mich töten",
        "ich will mein Leben beenden", "dem Ganzen ein Ende machen",
        "keine Lust mehr zu leben", "ich denk ans Sterben",
        "ohne mich wären die beiden besser dran", "ohne mich wäre Emil besser dran",
        "ich will ihn schütteln", "hab ihn fast geschüttelt", "ich könnt ihn schütteln",
        "ich könnte Emil erwürgen", "ich hab angst ich tu ihm was",
        "hab Angst, dass ich Emil was tue",
        # The review's near variants.
        "Ohne mich wärt ihr besser dran", "Ohne mich wäre meine Tochter besser dran",
        "Ohne mich wären sie alle besser dran", "ohne mich wären die zwei viel besser dran",
        "Ich habe meine Tochter geschüttelt", "Angst, dass ich ihm wehtue",
        "Angst ich tu meinem Baby was", "ich will mich heute nacht umbringen",
        "Ich will mich selber umbringen", "Ich denke jeden Tag ans Sterben",
    ], [
        "ich kann nich mehr", "ich will einfach nur weg",
        "Emil wollte nicht an die Brust, ich bin fertig",
        "Lukas hat heute übernommen, endlich geschlafen", "ich will ihn wach schütteln",
        "die Flasche gut schütteln", "ich könnte ihn knuddeln",
        "ohne mich wäre der Abwasch nie fertig",
        # The review's everyday lines the first version heard.
        "Angst ich mach ihr was falsch", "Mein Mann hat Angst ich mach ihm was zu essen",
        "Fiebersaft, hab ihn geschüttelt und 2,5 ml gegeben",
        "Nurofen Saft: ich würde ihn einfach schütteln",
        "Die Flasche: ich will sie einfach schütteln",
        "Das Spiel: ich will ihn schlagen, meinen Sohn beim Memory",
        "Ich will dem Ganzen ein Ende setzen mit dem Schnuller",
        "Ich denke viel ans Sterben meiner Oma",
    ]),
    # Rosa's walk (Mexico City: a newborn and a toddler, her partner on nights).
    "Rosa": ("Mateo", [
        "a veces quisiera desaparecer", "no sé si sirvo pa' esto, a veces quisiera desaparecer",
        "Noche pesada. A veces quisiera desaparecer.", "quisiera no existir",
        "me gustaría desaparecer", "Quisiera ya no vivir", "Ya no quiero existir",
        "Ojalá no existiera", "Quisiera estar muerta", "ya no quisiera estar viva",
        "Quisiera no despertar", "no vale la pena vivir así de cansada",
    ], [
        "ya no puedo más", "estoy agotadísima", "no sé si sirvo pa' esto",
        "quisiera dormir un mes entero", "le canté y lloré",
        "quisiera desaparecer las ojeras", "me gustaria desaparecer el dolor de la cesárea",
        "Quisiera no estar aquí en el hospital otra vez",
        "ya no quisiera vivir con mis suegros", "Quiero irme para siempre de esta ciudad",
    ]),
}


def _notes(which):
    return [(baby, note) for baby, *notes in WALKS.values()
            for note in notes[which]]


@pytest.mark.parametrize(("baby", "note"), _notes(0))
def test_what_the_walks_missed_is_heard(baby, note):
    assert mentions_harm(note, [baby])


@pytest.mark.parametrize(("baby", "note"), _notes(1))
def test_the_walks_everyday_lines_are_left_alone(baby, note):
    assert not mentions_harm(note, [baby])


def test_an_everyday_continuation_is_whole_words_never_one_bare_word_alone():
    """The second review: "end it": ["with", "here"] silenced "end it with pills", and
    "shake him": ["to"] silenced "shake him to death"."""
    for end, continuations in harm_words.unless_next().items():
        assert continuations, end
        for words in continuations:
            assert words.split() and words == " ".join(words.split()), (end, words)
            assert words.split()[0] not in {"with", "here", "to", "a", "up", "avec"} or \
                len(words.split()) > 1, (end, words)
