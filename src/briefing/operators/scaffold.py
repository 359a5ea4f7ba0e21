"""A new park's fact sheet, written from the schema: every field, each with its meaning in
Chinese and English, required fields filled with placeholders, optional ones commented out.

Nothing here lists fields: the sheet is generated from ``schema.Park``, so a field added to
the schema appears in the next new sheet with its descriptions. The required texts' placeholders
pass validation (so ``briefing check`` and ``briefing build`` work at once) and are reported by
the lint until an operator replaces them. Inside a commented-out block every value is the
placeholder too, with its example in the comment beside it: a block uncommented and only
partly filled in is reported line by line (``still holds the placeholder``), never printed
with an example's number, unit or qualifier. The scaffold invents no fact, and picks no chain
the zone has not paired with the park.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import typing
from pathlib import Path
from typing import Any, Literal, Optional

from briefing.errors import BriefingError
from briefing.messages import msg
from briefing.sheets import schema
from briefing.sheets.clock import today
from briefing.sheets.lint import PLACEHOLDER_EN, PLACEHOLDER_ZH
from briefing.sheets.project import load_project

INDENT = "  "

HEADER = """\
# {park_id}：园区资料表（由 briefing new 生成）。 Fact sheet of a park (written by briefing new).
#
# 以 # 开头的行是说明，不会被读取。可选字段已注释掉：要使用时删去行首的“# ”，保持缩进。
# “{zh}”和“{en}”是占位文字，请换成事实（来源见 sources.yaml），不用的字段请删除。
# 改完后运行 briefing check，它会指出每个问题所在的行。
#
# Lines starting with # are comments. Optional fields are commented out: to use one, delete
# the "# " at the start of its lines and keep the indentation. Replace every "{zh}" and
# "{en}" with the fact (its source goes in sources.yaml) or delete the field. Then run
# briefing check, which names the line of every problem.
"""


def park_sheet(park_id: str, chain_id: str, as_of: datetime.date) -> str:
    """The text of a new park's fact sheet."""
    values = {"id": park_id, "chain": chain_id, "as_of": f"{as_of:%Y-%m}"}
    lines = [HEADER.format(park_id=park_id, zh=PLACEHOLDER_ZH, en=PLACEHOLDER_EN)]
    hints = schema.hints_of(schema.Park)
    for spec in schema.fields_of(schema.Park):
        lines.append(f"# {spec.metadata['zh']}{_limit_zh(spec)}")
        lines.append(f"# {spec.metadata['doc']}{_limit_en(spec)}")
        if schema.is_required(spec):
            body = _field(spec, hints[spec.name], 0, values.get(spec.name))
        else:
            body = [f"# {line}" for line in _field(spec, hints[spec.name], 0, placeholder=True)]
        lines += body + [""]
    return "\n".join(lines)


def new_park(data_dir: Path, park_id: str, chain_id: Optional[str] = None) -> Path:
    """Write ``parks/<park_id>.yaml`` under ``data_dir``; refuse to overwrite a sheet."""
    if not re.fullmatch(schema.ID_PATTERN, park_id):
        raise BriefingError(msg("{id!r} is not an id: use lower-case letters, digits and hyphens, "
                                "e.g. new-energy", id=park_id))
    if not Path(data_dir).is_dir():
        raise BriefingError(msg("{folder}: no such folder; pass the data folder with --data DIR", folder=str(data_dir)))
    path = Path(data_dir) / "parks" / f"{park_id}.yaml"
    if path.exists():
        raise BriefingError(msg("{path} already exists; edit it, or choose another id", path=str(path)))
    chain = _chain(Path(data_dir), park_id, chain_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(park_sheet(park_id, chain, today()))
    return path


def _chain(data_dir: Path, park_id: str, chain_id: Optional[str]) -> str:
    """The chain given, or the one zone.yaml pairs with this park. Never another park's chain
    chosen silently: its cover would say the new park serves that chain."""
    project = load_project(data_dir)
    chains = project.chains
    zone = data_dir / "zone.yaml"
    if not chains:
        raise BriefingError(msg("{zone} lists no chains (or cannot be read; run briefing check); "
                                "a park serves a chain, so add the chain to zone.yaml first", zone=str(zone)))
    listed = ", ".join(f"{c.id} ({c.name.zh})" for c in chains.values())
    if chain_id is None:
        paired = [c.id for c in chains.values() if c.park == park_id]
        if not paired:
            raise BriefingError(msg(
                "no chain in {zone} is paired with {park}; say which chain it serves with --chain ID (the chains: "
                "{chains}), or add its chain to zone.yaml first, with park: {park} (docs/fact-sheets.md, "
                "“Chains”)", zone=str(zone), park=park_id, chains=listed))
        return paired[0]
    if chain_id not in chains:
        raise BriefingError(msg("no chain {chain!r} in {zone}; the chains are: {chains}", chain=chain_id,
                                zone=str(zone), chains=", ".join(chains)))
    return chain_id


def _limit_zh(spec) -> str:
    limit = spec.metadata.get("max_length")
    return f"（最多 {limit} 字）" if limit else ""


def _limit_en(spec) -> str:
    limit = spec.metadata.get("max_length")
    return f" (At most {limit} characters in Chinese.)" if limit else ""


def _field(spec: dataclasses.Field, hint: Any, depth: int, value: Optional[str] = None,
           placeholder: bool = False) -> list[str]:
    """``name: value`` or ``name:`` with the value's lines below, at ``depth``. With
    ``placeholder`` (a commented-out block), a value is the placeholder and its example goes
    into the comment (true/false stays false: the default, which prints nothing)."""
    pad = INDENT * depth
    note = "" if depth == 0 else f"  # {spec.metadata['zh']} {spec.metadata['doc']}"
    inner = hint if typing.get_origin(hint) is list else schema.inner(hint)  # Optional[X] as X
    if value is None and not _is_block(inner):
        value = spec.metadata.get("example") or _scalar(inner, spec)
        if placeholder and inner is not bool:
            note = (note or "  #") + f" 例 e.g. {value}"
            value = PLACEHOLDER_ZH
    if value is not None:
        return [f"{pad}{spec.name}: {value}{note}"]
    return [f"{pad}{spec.name}:{note}", *_block(inner, depth + 1, placeholder)]


def _is_block(hint: Any) -> bool:
    return typing.get_origin(hint) is list or schema.is_record(hint)


def _block(hint: Any, depth: int, placeholder: bool = False) -> list[str]:
    """A record's fields, or a list with one example item (``- `` before its first line)."""
    if typing.get_origin(hint) is list:
        item = typing.get_args(hint)[0]
        scalar = PLACEHOLDER_ZH if placeholder else _scalar(item, None)
        lines = _block(item, depth + 1, placeholder) if _is_block(item) else [INDENT * (depth + 1) + scalar]
        first = INDENT * depth + "- " + lines[0].lstrip()
        return [first, *lines[1:]]
    if hint is schema.Text:  # zh and en explain themselves
        pad = INDENT * depth
        return [f"{pad}zh: {PLACEHOLDER_ZH}", f"{pad}en: {PLACEHOLDER_EN}"]
    hints = schema.hints_of(hint)
    lines = []
    for spec in schema.fields_of(hint):
        if not spec.metadata.get("annotation"):  # says something of a value (unconfirmed): added when needed
            lines += _field(spec, hints[spec.name], depth, placeholder=placeholder)
    return lines


def _scalar(hint: Any, spec: Optional[dataclasses.Field]) -> str:
    """An example value of a plain type, valid as written."""
    if typing.get_origin(hint) is Literal:
        return typing.get_args(hint)[0]
    if hint is bool:
        return "false"
    if hint is float:
        return "0"
    if hint is schema.PartialDate:
        return f"{today():%Y-%m}"
    if hint is schema.Deadline:
        return f"{today():%Y}-end"
    if hint is schema.Id:
        return "source-id" if spec is not None and spec.name == "source" else "example-id"
    return f'"{PLACEHOLDER_EN}"'  # plain text, e.g. a telephone number
