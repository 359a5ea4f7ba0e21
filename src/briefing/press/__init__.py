"""Print production: what a print shop needs (paper, bleed, crop marks, page boxes, process
colour) and imposition (several pages on one sheet, booklets). Layouts draw pages; this
package says how big the sheet is around them and arranges finished pages on sheets."""
