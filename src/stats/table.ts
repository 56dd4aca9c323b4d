/** Terminal rendering of stats: aligned columns, colour only when asked for. */
import { activeTotal, type CatalogStats, type ChapterStats } from "./compute.js";

export interface TableOptions {
  /** ANSI colours (the command turns them on for a TTY without NO_COLOR). */
  color: boolean;
  byChapter: boolean;
}

/**
 * One decimal, rounded down: a catalog one message short of complete shows
 * 99.9%, never 100.0%.
 */
export function formatPercent(percent: number): string {
  return `${(Math.floor(percent * 10) / 10).toFixed(1)}%`;
}

const ANSI = { green: "\u001b[32m", yellow: "\u001b[33m", red: "\u001b[31m", bold: "\u001b[1m", reset: "\u001b[0m" };

function percentColor(percent: number): string {
  if (percent >= 100) return ANSI.green;
  return percent >= 50 ? ANSI.yellow : ANSI.red;
}

interface Cell {
  text: string;
  align: "left" | "right";
  /** ANSI code wrapped around the padded text. */
  color?: string;
}

const width = (text: string): number => [...text].length;

function renderRows(header: string[], rows: Cell[][], color: boolean, indent = ""): string[] {
  const aligns = rows[0]?.map((cell) => cell.align) ?? header.map(() => "left" as const);
  const widths = header.map((title, column) => Math.max(width(title), ...rows.map((row) => width(row[column]!.text))));
  const pad = (text: string, column: number): string => {
    const fill = " ".repeat(widths[column]! - width(text));
    return aligns[column] === "right" ? fill + text : text + fill;
  };
  const headerLine = header.map((title, column) => pad(title, column)).join("  ").trimEnd();
  const lines = [indent + (color ? ANSI.bold + headerLine + ANSI.reset : headerLine)];
  for (const row of rows) {
    const cells = row.map((cell, column) => {
      const padded = pad(cell.text, column);
      return color && cell.color ? cell.color + padded + ANSI.reset : padded;
    });
    lines.push(indent + cells.join("  ").trimEnd());
  }
  return lines;
}

const number = (value: number): Cell => ({ text: String(value), align: "right" });

function percentCell(percent: number, color: boolean): Cell {
  return { text: formatPercent(percent), align: "right", color: color ? percentColor(percent) : undefined };
}

function catalogRow(stats: CatalogStats, color: boolean): Cell[] {
  return [
    { text: stats.file, align: "left" },
    { text: stats.language, align: "left" },
    number(stats.messages.translated),
    number(stats.messages.fuzzy),
    number(stats.messages.untranslated),
    number(stats.messages.obsolete),
    { text: `${stats.words.translated}/${activeTotal(stats.words)}`, align: "right" },
    percentCell(stats.percent, color),
  ];
}

function chapterRow(chapter: ChapterStats, color: boolean): Cell[] {
  return [
    { text: chapter.chapter, align: "left" },
    number(chapter.messages.translated),
    number(chapter.messages.fuzzy),
    number(chapter.messages.untranslated),
    { text: `${chapter.words.translated}/${activeTotal(chapter.words)}`, align: "right" },
    percentCell(chapter.percent, color),
  ];
}

export function renderStatsTable(catalogs: CatalogStats[], options: TableOptions): string {
  const lines = renderRows(
    ["Catalog", "Language", "Translated", "Fuzzy", "Untranslated", "Obsolete", "Words", "Complete"],
    catalogs.map((stats) => catalogRow(stats, options.color)),
    options.color,
  );
  if (options.byChapter) {
    for (const stats of catalogs) {
      lines.push("", `${stats.file} (${stats.language}) by chapter:`);
      lines.push(
        ...renderRows(
          ["Chapter", "Translated", "Fuzzy", "Untranslated", "Words", "Complete"],
          stats.chapters.map((chapter) => chapterRow(chapter, options.color)),
          options.color,
          "  ",
        ),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
