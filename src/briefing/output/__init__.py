"""Files written safely: atomically, one build at a time per folder (``write``), and what a
build may keep because its inputs have not changed (``freshness``)."""
