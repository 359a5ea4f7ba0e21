"""Text as a reader sees it: fonts and glyph coverage (``fonts``), figures and dates in each
language (``numbers``), fixed strings from the catalogs (``i18n``), and Chinese typesetting:
where lines break (``linebreak``), spacing inside a line (``justify``) and the paragraph that
sets them (``typeset``). ``hooks`` is the one module that reaches into ReportLab's private
surface."""
