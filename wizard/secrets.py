"""Secrets (fields the playbook marks secret) in the OS keyring, never in setup files.

PROVISIONAL: being hardened (timeouts, session-only fallback wording, tests).
Where no keyring works, values are kept in memory for this run only and ``unavailable`` says why.
"""

from __future__ import annotations

SERVICE = "LyncSkypeWizard"


class SecretStore:
    def __init__(self) -> None:
        self._memory: dict[str, str] = {}
        self.unavailable: str = ""

    @staticmethod
    def key(setup_id: str, field_id: str) -> str:
        return f"setup:{setup_id}/{field_id}"

    def get(self, setup_id: str, field_id: str) -> str | None:
        k = self.key(setup_id, field_id)
        if k in self._memory:
            return self._memory[k]
        try:
            import keyring

            value = keyring.get_password(SERVICE, k)
        except Exception as exc:  # keyring raises many kinds; none may crash the app
            self._note(exc)
            return None
        if value is not None:
            self._memory[k] = value
        return value

    def set(self, setup_id: str, field_id: str, value: str) -> None:
        k = self.key(setup_id, field_id)
        self._memory[k] = value
        try:
            import keyring

            if value:
                keyring.set_password(SERVICE, k, value)
            else:
                keyring.delete_password(SERVICE, k)
        except Exception as exc:
            self._note(exc)

    def delete_all(self, setup_id: str, field_ids: list[str]) -> None:
        for fid in field_ids:
            self.set(setup_id, fid, "")

    def _note(self, exc: Exception) -> None:
        if not self.unavailable:
            self.unavailable = (
                "No system keyring is available, so secret values (such as the agreement number) "
                "are kept only until you close the app. They are never written to disk in plain "
                f"text. ({type(exc).__name__})"
            )
