"""The front desk: a local web page on which promotion staff make one visit's documents
(``briefing serve``). It is another front end to the pipeline, like the command line: the
form becomes the same selection and output options, rendered by the same functions."""
