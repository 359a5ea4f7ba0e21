"""Tools for the park operators who keep the fact sheets: a new sheet from the schema
(``scaffold``), the parks at a glance (``listing``), rebuilding on save (``watch``) and the
guide's field reference (``guide``)."""
