"""The fact sheets, from file to checked records: read strictly (``load``), typed by the schema
(``schema``, ``validate``), the whole data folder cross-checked (``project``), with the images
it names (``images``), figures across sheets (``facts``) and the warnings about valid sheets
that are not ready to print (``lint``, dated by ``clock``)."""
