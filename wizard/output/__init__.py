"""Output: the checklist model and its HTML, Markdown and PDF renderers, reminders (Qt-free but for pdf)."""
