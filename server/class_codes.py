"""The class map's codes: what students sent, kept in SQLite so that a server restart mid-lesson keeps
the map, and mirrored in memory so that the many reads (every page polls) never touch the disk.

A code is {"id", "z": [z1, z2], "digit": 0-9 | None}; ids grow and are never reused, even after a
clear (SQLite's AUTOINCREMENT), so "the codes after id K" is always a well-defined question.
`accepting` (the presenter's stop/resume switch) is kept beside them. `version` changes with every
change and `boot` with every start, so (boot, version) names the class's state for an ETag.
One lock guards the connection and the mirror: waitress answers from several threads.
"""

import os
import secrets
import sqlite3
import threading
import time

CAPACITY = 2000  # codes a class holds; then the map is full

SCHEMA = """
CREATE TABLE IF NOT EXISTS codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    z1 REAL NOT NULL,
    z2 REAL NOT NULL,
    digit INTEGER CHECK (digit IS NULL OR digit BETWEEN 0 AND 9),
    sent REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class ClassFull(Exception):
    """The class already holds CAPACITY codes."""


class ClassCodes:
    """The codes of one class, in the SQLite file `path` (made, with its folder, if missing)."""

    def __init__(self, path, capacity=CAPACITY):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        self.path, self.capacity = path, capacity
        self.lock = threading.Lock()
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)
        rows = self.db.execute("SELECT id, z1, z2, digit FROM codes ORDER BY id").fetchall()
        self.codes = [{"id": i, "z": [z1, z2], "digit": d} for i, z1, z2, d in rows]
        stored = self.db.execute("SELECT value FROM settings WHERE key = 'accepting'").fetchone()
        self.accepting = stored is None or stored[0] == "1"
        self.boot = secrets.token_hex(4)
        self.version = 0

    def add(self, z, digit):
        """Store one code; returns how many the class holds now. Raises ClassFull at capacity."""
        with self.lock:
            if len(self.codes) >= self.capacity:
                raise ClassFull()
            cursor = self.db.execute(
                "INSERT INTO codes (z1, z2, digit, sent) VALUES (?, ?, ?, ?)", (z[0], z[1], digit, time.time())
            )
            self.codes.append({"id": cursor.lastrowid, "z": [z[0], z[1]], "digit": digit})
            self.version += 1
            return len(self.codes)

    def after(self, since):
        """(count, accepting, the codes with id > since, the state's tag), read at one moment."""
        with self.lock:
            newer = [c for c in self.codes if c["id"] > since] if since else list(self.codes)
            return len(self.codes), self.accepting, newer, f"{self.boot}-{self.version}"

    def clear(self):
        with self.lock:
            self.db.execute("DELETE FROM codes")
            self.codes = []
            self.version += 1

    def set_accepting(self, accepting):
        with self.lock:
            self.db.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES ('accepting', ?)", ("1" if accepting else "0",)
            )
            self.accepting = accepting
            self.version += 1

    def rows(self):
        """Every code with the time it was sent (seconds since 1970, UTC), for the CSV."""
        with self.lock:
            return self.db.execute("SELECT id, z1, z2, digit, sent FROM codes ORDER BY id").fetchall()

    def close(self):
        with self.lock:
            self.db.close()
