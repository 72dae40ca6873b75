"""The short reads: every summary reads as a sentence and is escaped exactly once."""

from nestwell.insights import guidance


def test_every_summary_is_plain_text_that_stands_alone():
    for article in guidance.library().values():
        summary = article.summary
        assert summary and not summary.rstrip().endswith(":"), article.slug
        assert "&" not in summary and "*" not in summary, article.slug


def test_the_list_shows_quotation_marks_not_their_escapes(client_for, alice, nora):
    page = client_for(alice).get("/guidance/").content.decode()
    assert "&amp;quot;" not in page and "&amp;#x27;" not in page
    assert "&quot;you are safe&quot;" in page  # escaped once: the browser shows "you are safe"


def test_a_list_right_after_its_lead_in_line_is_still_a_list():
    html = guidance.render("Call now if your baby:\n- feels hot\n- is floppy\n\nTrust yourself.")
    assert html == ("<p>Call now if your baby:</p>\n<ul><li>feels hot</li><li>is floppy</li></ul>"
                    "\n<p>Trust yourself.</p>")
    article = guidance.library()["when-crying-goes-on"].html
    assert article.count("<ul>") == 2 and " - " not in article
