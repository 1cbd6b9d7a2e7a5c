import { OverdueItemDto, OverdueReportDto, RaciAssigneeDto } from './dto/overdue-report.dto';
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

const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

/** Items written to JSON at a time: a few hundred KB of text each, past V8's young generation. */
const ITEMS_PER_JSON_PIECE = 512;

/**
 * Builds the full report from its rows, which arrive in report order (the query's ORDER BY). Each
 * row is made an item and counted in the summary as it arrives, while the database still produces
 * the rest. Built as JSON, the items are also written out a few hundred at a time and then
 * dropped: the answer of a 5,000-item report is ≈ 3 MB, and writing it in one piece after the
 * last row cost half as much time as the query, and keeping every item until then a fifth of the
 * service's CPU in garbage collection.
 */
export class OverdueReportBuilder {
  private readonly itemOf: (row: OverdueRow) => OverdueItemDto;
  private readonly tally: AccountableTally;
  private count = 0;
  /** Items not yet written (JSON), or every item. */
  private items: OverdueItemDto[] = [];
  /** The items written so far as UTF-8, each piece a comma-separated run of item objects. */
  private readonly pieces: Buffer[] = [];

  constructor(
    private readonly asOf: string,
    /** The report's `party` filter: only that party's accountable groups are summarised. */
    party: string | undefined,
    private readonly asJson: boolean,
  ) {
    this.itemOf = itemsOn(asOf);
    this.tally = new AccountableTally(party);
  }

  add(row: OverdueRow): void {
    const item = this.itemOf(row);
    this.tally.add(item);
    this.count += 1;
    this.items.push(item);
    if (this.asJson && this.items.length === ITEMS_PER_JSON_PIECE) this.writePiece();
  }

  /** The report (built with asJson false). */
  finish(): OverdueReportDto {
    return {
      asOf: this.asOf,
      totalOverdue: this.count,
      byAccountable: this.tally.summary(),
      items: this.items,
    };
  }

  /**
   * The report as JSON in UTF-8 (built with asJson true): byte for byte what JSON.stringify would
   * write for it. Bytes, not a string, so that nothing is left to encode after the last row.
   */
  finishJson(): Buffer {
    if (this.items.length > 0) this.writePiece();
    const parts: Buffer[] = [
      Buffer.from(
        `{"asOf":${JSON.stringify(this.asOf)},"totalOverdue":${this.count},` +
          `"byAccountable":${JSON.stringify(this.tally.summary())},"items":[`,
      ),
    ];
    for (const [i, piece] of this.pieces.entries()) parts.push(...(i ? [COMMA, piece] : [piece]));
    parts.push(CLOSE);
    return Buffer.concat(parts);
  }

  private writePiece(): void {
    // The array without its brackets: one byte each in UTF-8.
    this.pieces.push(Buffer.from(JSON.stringify(this.items)).subarray(1, -1));
    this.items = [];
  }
}
