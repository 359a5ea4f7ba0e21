"""One build, in explicit phases: what to make (``options``: the request, languages, paper and
sheets; ``occasion``: visitor and event), which documents that means (``plan``), making them
(``render``, in this process or on every core) and writing them (``build``), keeping what is
up to date."""
