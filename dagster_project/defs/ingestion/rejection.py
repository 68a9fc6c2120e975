"""The one exception of ingestion: a file that cannot be read at all."""


class FileRejected(Exception):
    """The whole file is unreadable; nothing from it may load. Both messages are for the
    clerk who sent it: what is wrong and what to do."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en
