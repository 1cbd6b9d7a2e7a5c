import { parseRaciCell } from './raci-cell';
import {
  ChecklistItem,
  CloudProvider,
  Raci,
  SECURITY_TIERS,
  SecurityTier,
} from './template-definition';

/**
 * Parser of the "Private Data Plane Management Models" reference text: each model is a title line
 * ending in " model", optional prose, then a table whose rows start with `| ` and whose cells end
 * with ` |` at the end of a line (a cell may span several lines; an empty cell is a lone `|`).
 */
export interface ReferenceTask {
  title: string;
  checklist: ChecklistItem[];
  raci: Raci;
}

export interface ReferenceModel {
  /** The heading, e.g. "Customer self-managed (…) model". */
  title: string;
  /** The heading without the trailing " model". */
  name: string;
  /** Lines between the heading and the table. */
  prose: string[];
  /** From a "supported only on A, B, and C cloud providers" sentence; null when there is none. */
  allowedCloudProviders: CloudProvider[] | null;
  tasks: ReferenceTask[];
}

const HEADER = [
  'Task',
  'Task description',
  'Responsible party',
  'Accountable',
  'Consulted',
  'Informed',
];
const MODEL_SUFFIX = ' model';
const PROVIDER_NAMES: Record<string, CloudProvider> = { azure: 'AZURE', aws: 'AWS', gcp: 'GCP' };

class LineReader {
  private index = 0;
  constructor(private readonly lines: string[]) {}
  get lineNumber(): number {
    return this.index + 1;
  }
  get done(): boolean {
    return this.index >= this.lines.length;
  }
  peek(): string {
    return this.lines[this.index];
  }
  next(): string {
    return this.lines[this.index++];
  }
}

/** Reads one row: `count` cells, the first starting with "| ". */
function readRow(reader: LineReader, count: number): string[] {
  const start = reader.lineNumber;
  let line = reader.next();
  if (!line.startsWith('| ')) throw new Error(`Line ${start}: a table row must start with "| "`);
  line = line.slice(2);
  const cells: string[] = [];
  let current: string[] = [];
  for (;;) {
    const trimmed = line.trimEnd();
    if (trimmed.endsWith('|')) {
      current.push(trimmed.slice(0, -1).trimEnd());
      cells.push(current.join('\n').trim());
      current = [];
      if (cells.length === count) return cells;
    } else {
      current.push(trimmed);
    }
    if (reader.done) throw new Error(`Line ${start}: the row ends before its ${count} cells do`);
    line = reader.next();
  }
}

function parseTierCondition(condition: string, lineNote: string): SecurityTier[] {
  return condition.split('/').map((part) => {
    const match = /^(\w+) tier$/i.exec(part.trim());
    const tier = match?.[1].toUpperCase() as SecurityTier | undefined;
    if (!tier || !SECURITY_TIERS.includes(tier)) {
      throw new Error(`${lineNote}: unknown tier condition "If ${condition}"`);
    }
    return tier;
  });
}

/**
 * A description cell as checklist items: each "- " bullet is an item; a line without a bullet is
 * an item too (single-line descriptions); an "If <tier>/<tier>" line is no item but sets the tiers
 * of the items after it.
 */
export function parseDescription(description: string, lineNote = 'Description'): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  let tiers: SecurityTier[] | null = null;
  for (const raw of description.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const condition = /^If (.+)$/.exec(line);
    if (condition) {
      tiers = parseTierCondition(condition[1], lineNote);
    } else {
      const text = line.startsWith('- ') ? line.slice(2).trim() : line;
      items.push({ text, tiers: tiers ? [...tiers] : null });
    }
  }
  return items;
}

/** ["AZURE", "AWS", "GCP"] from "… supported only on Azure, AWS, and GCP cloud providers." */
export function parseSupportedProviders(prose: string[]): CloudProvider[] | null {
  for (const line of prose) {
    const match = /supported only on (.+?) cloud providers/i.exec(line);
    if (!match) continue;
    return match[1]
      .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
      .filter((name) => name !== '')
      .map((name) => {
        const provider = PROVIDER_NAMES[name.toLowerCase()];
        if (!provider) throw new Error(`Unknown cloud provider "${name}"`);
        return provider;
      });
  }
  return null;
}

export function parseReferenceDocument(text: string): ReferenceModel[] {
  const reader = new LineReader(text.replace(/\r\n/g, '\n').split('\n'));
  const models: ReferenceModel[] = [];
  let pending: string[] = [];
  while (!reader.done) {
    if (!reader.peek().startsWith('| ')) {
      pending.push(reader.next());
      continue;
    }
    const headerLine = reader.lineNumber;
    const header = readRow(reader, HEADER.length);
    if (header.join('|') !== HEADER.join('|')) {
      throw new Error(`Line ${headerLine}: expected a table header ${HEADER.join(' | ')}`);
    }
    const titleIndex = pending.map((l) => l.trimEnd().endsWith(MODEL_SUFFIX)).lastIndexOf(true);
    if (titleIndex < 0) throw new Error(`Line ${headerLine}: a table without a model heading`);
    const title = pending[titleIndex].trim();
    const prose = pending.slice(titleIndex + 1).filter((l) => l.trim() !== '');
    const tasks: ReferenceTask[] = [];
    while (!reader.done && reader.peek().startsWith('| ')) {
      const note = `Line ${reader.lineNumber}`;
      const [taskTitle, description, responsible, accountable, consulted, informed] = readRow(
        reader,
        HEADER.length,
      );
      tasks.push({
        title: taskTitle,
        checklist: parseDescription(description, note),
        raci: {
          responsible: parseRaciCell(responsible),
          accountable: parseRaciCell(accountable),
          consulted: parseRaciCell(consulted),
          informed: parseRaciCell(informed),
        },
      });
    }
    models.push({
      title,
      name: title.slice(0, -MODEL_SUFFIX.length),
      prose,
      allowedCloudProviders: parseSupportedProviders(prose),
      tasks,
    });
    pending = [];
  }
  return models;
}
