/**
 * Where GNU gettext may fold a PO string: UAX #14 line breaking plus column
 * widths, with the Unicode 14 tables of libunistring 1.0 (what gettext 0.21
 * links). Written by hand because no allowed dependency implements UAX #14,
 * and `msgcat` leaves a file untouched only if every fold is where GNU puts
 * it (after spaces, after `/` and `-`, between CJK ideographs, ...).
 */
import { LINE_BREAK_RUNS, WIDTH_RUNS } from "./unicode-tables.js";

// Line-break classes, numbered as in the generated table (gnulib's numbering):
// 0..32 index the pair table, larger values are resolved before lookup.
// Only the classes the rules below name; the rest are just table indexes.
const BA = 3, HY = 5, AL = 20, ID1 = 23, HL = 28, RI = 29, ZWJ = 30;
const BK = 33, CR = 34, LF = 35, CM = 36, ZW = 37, SP = 38, CB = 39, AI = 40, SA = 41, XX = 42;
/** Not in the table: a Hebrew letter followed by a hyphen or BA (rule LB21a). */
const HL_BA = 100;

/**
 * UAX #14 pair table (before class = row, after class = column):
 * D = direct break, I = break only after spaces, P = no break.
 * Columns in class order WJ GL B2 BA BB HY CL CP1 CP2 EX IN NS OP1 OP2 QU IS
 * NU PO PR SY AL H2 H3 ID1 ID2 JL JV JT HL RI ZWJ EB EM.
 */
const PAIR_TABLE = [
  /* WJ  */ "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",
  /* GL  */ "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",
  /* B2  */ "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
  /* BA  */ "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
  /* BB  */ "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",
  /* HY  */ "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",
  /* CL  */ "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD",
  /* CP1 */ "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD",
  /* CP2 */ "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD",
  /* EX  */ "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
  /* IN  */ "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
  /* NS  */ "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
  /* OP1 */ "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",
  /* OP2 */ "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",
  /* QU  */ "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII",
  /* IS  */ "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",
  /* NU  */ "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",
  /* PO  */ "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD",
  /* PR  */ "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII",
  /* SY  */ "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD",
  /* AL  */ "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",
  /* H2  */ "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",
  /* H3  */ "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",
  /* ID1 */ "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",
  /* ID2 */ "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",
  /* JL  */ "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD",
  /* JV  */ "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",
  /* JT  */ "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",
  /* HL  */ "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",
  /* RI  */ "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
  /* ZWJ */ "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII",
  /* EB  */ "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",
  /* EM  */ "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",
];

export const BREAK_PROHIBITED = 0;
export const BREAK_POSSIBLE = 1;
export const BREAK_MANDATORY = 2;
/** Only as an override: let the algorithm decide. */
export const BREAK_UNDEFINED = -1;

interface RunTable {
  starts: Uint32Array;
  values: Int8Array;
  /** Direct lookup for code points < 128, the common case. */
  ascii: Int8Array;
}

function unpackRuns(packed: string, offset: number): RunTable {
  const runs = packed.split(",");
  const starts = new Uint32Array(runs.length);
  const values = new Int8Array(runs.length);
  runs.forEach((run, i) => {
    const [start, value] = run.split(":");
    starts[i] = parseInt(start!, 36);
    values[i] = parseInt(value!, 36) + offset;
  });
  const table: RunTable = { starts, values, ascii: new Int8Array(128) };
  for (let c = 0; c < 128; c++) table.ascii[c] = lookupRun({ ...table, ascii: new Int8Array(0) }, c);
  return table;
}

function lookupRun(table: RunTable, codePoint: number): number {
  if (codePoint < table.ascii.length) return table.ascii[codePoint]!;
  const { starts, values } = table;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= codePoint) lo = mid;
    else hi = mid - 1;
  }
  return values[lo]!;
}

let lineBreakTable: RunTable | undefined;
let widthTable: RunTable | undefined;

/** Display columns of a code point as GNU counts them (uc_width, UTF-8 locale). */
export function charWidth(codePoint: number): number {
  widthTable ??= unpackRuns(WIDTH_RUNS, -1);
  return lookupRun(widthTable, codePoint);
}

/** The pair table as numbers (row × 33 + column): 1 = direct break, 2 = break only after spaces, 0 = none. */
const PAIR_RULES = Int8Array.from(PAIR_TABLE.flatMap((row) => [...row].map((rule) => (rule === "D" ? 1 : rule === "I" ? 2 : 0))));
const PAIR_COLUMNS = PAIR_TABLE[0]!.length;

/** Break opportunities before each code point (UAX #14 with the pair table). */
export function possibleLinebreaks(codePoints: readonly number[]): number[] {
  const marks = new Int8Array(codePoints.length);
  possibleLinebreaksInto(Int32Array.from(codePoints), codePoints.length, marks);
  return Array.from(marks);
}

/**
 * possibleLinebreaks over the first `length` code points of a typed array,
 * into `marks`: the PO writer folds every string it writes, so this avoids
 * allocating per string (see serialize.ts).
 */
export function possibleLinebreaksInto(codePoints: Int32Array, length: number, marks: Int8Array): void {
  lineBreakTable ??= unpackRuns(LINE_BREAK_RUNS, -1);
  const asciiClasses = lineBreakTable.ascii;
  let prevClass = BK; // class of the previous character
  let lastClass = BK; // class of the last character that is not a space
  let seenSpace = false; // a space since lastClass
  let regionalCount = 0;
  for (let i = 0; i < length; i++) {
    const codePoint = codePoints[i]!;
    let cls = codePoint < 128 ? asciiClasses[codePoint]! : lookupRun(lineBreakTable, codePoint);
    if (cls === BK || cls === LF || cls === CR) {
      marks[i] = BREAK_MANDATORY;
      prevClass = cls;
      lastClass = BK;
      seenSpace = false;
    } else {
      if (cls === AI || cls === SA || cls === XX) cls = AL; // UTF-8 is not a CJK encoding
      else if (cls === CB) cls = ID1;
      if (cls === SP) {
        marks[i] = BREAK_PROHIBITED;
        seenSpace = true;
      } else if (cls === ZW) {
        marks[i] = BREAK_PROHIBITED;
        lastClass = ZW;
        seenSpace = false;
      } else if (cls === CM || cls === ZWJ) {
        if (lastClass === BK) {
          marks[i] = BREAK_PROHIBITED;
          lastClass = AL;
          seenSpace = false;
        } else if (lastClass === ZW || seenSpace) {
          marks[i] = BREAK_POSSIBLE;
          lastClass = AL;
          seenSpace = false;
        } else {
          marks[i] = BREAK_PROHIBITED; // X CM behaves as X
        }
      } else {
        if (lastClass === BK) marks[i] = BREAK_PROHIBITED;
        else if (lastClass === ZW) marks[i] = BREAK_POSSIBLE;
        else if (prevClass === ZWJ) marks[i] = BREAK_PROHIBITED;
        else if (lastClass === RI && cls === RI)
          marks[i] = seenSpace || regionalCount % 2 === 0 ? BREAK_POSSIBLE : BREAK_PROHIBITED;
        else if (prevClass === HL_BA) marks[i] = BREAK_PROHIBITED;
        else {
          const rule = PAIR_RULES[lastClass * PAIR_COLUMNS + cls]!;
          marks[i] = rule === 1 || (rule === 2 && seenSpace) ? BREAK_POSSIBLE : BREAK_PROHIBITED;
        }
        lastClass = cls;
        seenSpace = false;
      }
      prevClass = prevClass === HL && (cls === HY || cls === BA) ? HL_BA : cls;
    }
    regionalCount = cls === RI ? regionalCount + 1 : 0;
  }
}

/**
 * Greedy folding like unilbrk's width_linebreaks: returns, per code point,
 * whether a new line starts before it. `overrides` (same length, or absent)
 * forces BREAK_PROHIBITED/POSSIBLE where it is not BREAK_UNDEFINED.
 */
export function widthLinebreaks(
  codePoints: readonly number[],
  width: number,
  startColumn: number,
  overrides?: readonly number[],
  /** `possibleLinebreaks(codePoints)`, when the caller has it already. */
  marks: readonly number[] = possibleLinebreaks(codePoints),
): { breaks: boolean[]; anyBreak: boolean } {
  const n = codePoints.length;
  const breaks = new Uint8Array(n);
  const anyBreak = widthLinebreaksInto(
    Int32Array.from(codePoints),
    n,
    width,
    startColumn,
    Int8Array.from(overrides ?? new Array<number>(n).fill(BREAK_UNDEFINED)),
    Int8Array.from(marks),
    breaks,
  );
  return { breaks: Array.from(breaks, (b) => b === 1), anyBreak };
}

/**
 * widthLinebreaks over the first `length` entries of typed arrays: sets
 * `breaks[i]` to 1 where a new line starts (0 elsewhere) and says whether any does.
 */
export function widthLinebreaksInto(
  codePoints: Int32Array,
  length: number,
  width: number,
  startColumn: number,
  overrides: Int8Array,
  marks: Int8Array,
  breaks: Uint8Array,
): boolean {
  widthTable ??= unpackRuns(WIDTH_RUNS, -1);
  const asciiWidths = widthTable.ascii;
  breaks.fill(0, 0, length);
  let anyBreak = false;
  let lastPiece = -1; // index where the current piece starts (a possible break)
  let lastColumn = startColumn;
  let pieceWidth = 0;
  for (let i = 0; i < length; i++) {
    const override = overrides[i]!;
    const mark = override !== BREAK_UNDEFINED ? override : marks[i]!;
    if (mark === BREAK_POSSIBLE || mark === BREAK_MANDATORY) {
      if (lastPiece >= 0 && lastColumn + pieceWidth > width) {
        breaks[lastPiece] = 1;
        anyBreak = true;
        lastColumn = 0;
      }
    }
    if (mark === BREAK_MANDATORY) {
      lastPiece = -1;
      lastColumn = 0;
      pieceWidth = 0;
    } else {
      if (mark === BREAK_POSSIBLE) {
        lastPiece = i;
        lastColumn += pieceWidth;
        pieceWidth = 0;
      }
      const codePoint = codePoints[i]!;
      const w = codePoint < 128 ? asciiWidths[codePoint]! : lookupRun(widthTable, codePoint);
      if (w > 0) pieceWidth += w;
    }
  }
  if (lastPiece >= 0 && lastColumn + pieceWidth > width) {
    breaks[lastPiece] = 1;
    anyBreak = true;
  }
  return anyBreak;
}
