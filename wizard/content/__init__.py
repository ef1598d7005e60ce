"""The content: the playbook model and loader, templates, validation and the flow (Qt-free)."""
