"""Reading an edit page as a browser would: the values its form would send."""

from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, 0, []
        self._text = None  # (name, parts) of an open textarea
        self._select = None  # (name, options, selected)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.inside + 1 if self.inside or attrs.get("id") == self.form_id else 0
            return
        if not self.inside:
            return
        if tag == "input" and attrs.get("name") and attrs.get("type", "text") in ("text", "hidden", "password"):
            self.fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea":
            self._text = (attrs["name"], [])
        elif tag == "select":
            self._select = (attrs["name"], [], [])
        elif tag == "option" and self._select is not None:
            self._select[1].append(attrs.get("value", ""))
            if "selected" in attrs:
                self._select[2].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside -= 1
        elif tag == "textarea" and self._text:
            self.fields.append((self._text[0], "".join(self._text[1]).removeprefix("\n")))
            self._text = None
        elif tag == "select" and self._select:
            name, options, selected = self._select
            self.fields.append((name, (selected or options or [""])[0]))
            self._select = None

    def handle_data(self, data):
        if self._text is not None:
            self._text[1].append(data)


def form_values(page: str, form_id: str = "sheet") -> list[tuple[str, str]]:
    """The (name, value) pairs the form ``form_id`` of ``page`` sends, buttons aside."""
    parser = _Form(form_id)
    parser.feed(page)
    return parser.fields


def with_changes(fields: list[tuple[str, str]], **changes: str) -> list[tuple[str, str]]:
    """``fields`` with some values changed, by name (a name with dots or brackets is given
    through a dict: ``with_changes(fields, **{"facts[0].value": "18000"})``)."""
    seen = set()
    out = []
    for name, value in fields:
        if name in changes:
            seen.add(name)
            value = changes[name]
        out.append((name, value))
    missing = set(changes) - seen
    assert not missing, f"no such field on the page: {missing}"
    return out
