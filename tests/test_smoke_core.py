from wizard.content import flow, playbook


def test_playbook_loads_and_branches():
    book = playbook.load()
    ids = flow.applicable_ids(book, {"deployment": "onprem"})
    assert ids[:3] == ["client", "deployment", "onprem-version"]
