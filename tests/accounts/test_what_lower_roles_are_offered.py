"""A viewer or caregiver is offered only what she can do: a button that ends on "This needs
another role", or words that promise a parent's rights, were met in a walkthrough."""

def test_a_viewer_sees_no_note_form_that_would_be_refused(client_for, carol, alice):
    page = client_for(carol).get("/handover/notes/").content.decode()
    assert 'data-testid="notes-read-only"' in page and "Leave the note" not in page
    page = client_for(alice).get("/handover/notes/").content.decode()
    assert "Leave the note" in page and 'data-testid="notes-read-only"' not in page


def test_your_data_promises_a_lower_role_only_the_download(client_for, carol, bob, alice):
    for person in (carol, bob):  # a viewer and a caregiver
        client = client_for(person)
        page = client.get("/household/data/").content.decode()
        assert "bring it in from another app, or delete it" not in page
        assert "are for a parent" in page
        account = client.get("/account/").content.decode()
        assert "Your data: download a copy" in account and "import, delete" not in account
    client = client_for(alice)
    assert "bring it in from another app" in client.get("/household/data/").content.decode()
    assert "download, import, delete" in client.get("/account/").content.decode()


def test_the_support_page_sends_no_one_to_a_page_she_cannot_open(client_for, carol, alice,
                                                                  client):
    assert "a parent of your household sets its country" in client_for(carol).get(
        "/support/").content.decode()
    assert "in Household settings" in client_for(alice).get("/support/").content.decode()
    assert "in Household settings" in client.get("/support/").content.decode()


def test_the_caregivers_role_says_she_may_correct_what_is_logged(client_for, alice):
    page = client_for(alice).get("/household/").content.decode()
    assert "corrects or removes what is logged" in page
