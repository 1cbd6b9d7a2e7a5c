import { csvLines } from './csv';
import { OverdueItemDto, RaciAssigneeDto } from './dto/overdue-report.dto';
import { overdueCsvHead, overdueCsvRecords } from './overdue-csv';
import {
  accountableParties,
  daysOverdue,
  EngagementContactRef,
  primaryContact,
  raciEntries,
} from './overdue-rules';
import { AccountableTally } from './overdue-summary';
import type { OverdueRow } from './overdue.report';

/**
 * Report items from rows read on `asOf`. Thousands of tasks share a few hundred due dates, and
 * the tasks of an engagement share its contacts and a handful of RACI lists (one object per
 * distinct list, see overdueRowReader): each lateness and each list of assignees with contacts is
 * worked out once, and items with the same list share it.
 */
export function itemsOn(asOf: string): (row: OverdueRow) => OverdueItemDto {
  const lateness = new Map<string, number>();
  const daysLate = (dueDate: string) => {
    let days = lateness.get(dueDate);
    if (days === undefined) lateness.set(dueDate, (days = daysOverdue(dueDate, asOf)));
    return days;
  };
  const assigneeLists = new Map<readonly EngagementContactRef[], Map<unknown, RaciAssigneeDto[]>>();
  const assignees = (row: OverdueRow, role: 'accountable' | 'responsible') => {
    const list = row.raci[role];
    let byList = assigneeLists.get(row.contacts);
    if (!byList) assigneeLists.set(row.contacts, (byList = new Map()));
    let shaped = byList.get(list);
    if (!shaped) {
      const entries =
        role === 'accountable' ? accountableParties(row.raci) : raciEntries(row.raci, role);
      shaped = entries.map((entry) => ({
        party: entry.party,
        ifRequired: entry.ifRequired,
        contact: primaryContact(row.contacts, entry.party),
      }));
      byList.set(list, shaped);
    }
    return shaped;
  };
  return (row) => ({
    engagementId: row.engagementId,
    engagementName: row.engagementName,
    customerId: row.customerId,
    customerName: row.customerName,
    taskKey: row.taskKey,
    title: row.title,
    status: row.status,
    dueDate: row.dueDate,
    daysOverdue: daysLate(row.dueDate),
    accountable: assignees(row, 'accountable'),
    responsible: assignees(row, 'responsible'),
  });
}

/** What the full report is written as: its JSON document, or its CSV (see overdueReportCsv). */
export type OverdueReportFormat = 'json' | 'csv';

/**
 * Items written at a time: ≈ 80 KB of UTF-8 each, under glibc's mmap threshold, so the buffers of
 * one report are reused by the next instead of each being mapped and unmapped.
 */
const ITEMS_PER_PIECE = 128;

/**
 * Writes the full report from its rows, which arrive in report order (the query's ORDER BY). Each
 * row is made an item (and, for JSON, counted in the summary) as it arrives, while the database
 * still produces the rest; the items are written out a few hundred at a time, as UTF-8, and then
 * dropped. A 5,000-item report is ≈ 3 MB of JSON: written in one piece after the last row, it cost
 * half as much time as the query, and keeping every item until then a fifth of the service's CPU
 * in garbage collection.
 */
export class OverdueReportBuilder {
  private readonly itemOf: (row: OverdueRow) => OverdueItemDto;
  private readonly tally: AccountableTally;
  private count = 0;
  /** Items not yet written. */
  private items: OverdueItemDto[] = [];
  /** What is written so far, in order. */
  private readonly pieces: Buffer[] = [];

  constructor(
    private readonly asOf: string,
    /** The report's `party` filter: only that party's groups are summarised, or its CSV records. */
    private readonly party: string | undefined,
    private readonly format: OverdueReportFormat,
  ) {
    this.itemOf = itemsOn(asOf);
    this.tally = new AccountableTally(party);
  }

  add(row: OverdueRow): void {
    const item = this.itemOf(row);
    if (this.format === 'json') this.tally.add(item);
    this.count += 1;
    this.items.push(item);
    if (this.items.length === ITEMS_PER_PIECE) this.writePiece();
  }

  /**
   * The whole document in UTF-8, in parts to send one after the other: byte for byte what
   * JSON.stringify of the report, or overdueReportCsv, would write. Bytes, not a string: nothing
   * is left to encode after the last row, and no copy joins them.
   */
  finish(): Buffer[] {
    if (this.items.length > 0) this.writePiece();
    const head =
      this.format === 'json'
        ? `{"asOf":${JSON.stringify(this.asOf)},"totalOverdue":${this.count},` +
          `"byAccountable":${JSON.stringify(this.tally.summary())},"items":[`
        : overdueCsvHead();
    return [Buffer.from(head), ...this.pieces, ...(this.format === 'json' ? [CLOSE] : [])];
  }

  private writePiece(): void {
    if (this.format === 'json') {
      // The array's items without its brackets, after a comma unless it is the first piece.
      const array = JSON.stringify(this.items);
      const items = Buffer.from(array).subarray(1, -1);
      this.pieces.push(...(this.pieces.length > 0 ? [COMMA, items] : [items]));
    } else {
      const records = this.items.flatMap((item) => overdueCsvRecords(this.asOf, item, this.party));
      this.pieces.push(Buffer.from(csvLines(records)));
    }
    this.items = [];
  }
}

const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');
