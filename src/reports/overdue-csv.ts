import { csvLines, toCsv } from './csv';
import type { ContactRef, RaciEntry } from './overdue-rules';

/** What the CSV needs of the overdue report (the JSON report satisfies it). */
export interface CsvOverdueReport {
  asOf: string;
  items: readonly {
    engagementId: string;
    engagementName: string;
    customerId: string;
    customerName: string;
    taskKey: string;
    title: string;
    status: string;
    dueDate: string;
    daysOverdue: number;
    accountable: readonly (RaciEntry & { contact: ContactRef | null })[];
    responsible: readonly RaciEntry[];
  }[];
}

export const OVERDUE_CSV_HEADER = [
  'asOf',
  'engagementId',
  'engagementName',
  'customerId',
  'customerName',
  'taskKey',
  'title',
  'status',
  'dueDate',
  'daysOverdue',
  'accountableParty',
  'accountableIfRequired',
  'accountableContactName',
  'accountableContactEmail',
  'responsible',
] as const;

/** `WSO2; CUSTOMER (if required)`: the responsible parties in one cell. */
export function formatParties(entries: readonly RaciEntry[]): string {
  return entries.map((e) => (e.ifRequired ? `${e.party} (if required)` : e.party)).join('; ');
}

type CsvRecord = (string | number | boolean | null)[];
type CsvItem = CsvOverdueReport['items'][number];

/**
 * The overdue report as CSV: a header, then one record per item and accountable party (a jointly
 * accountable task gives two records). Empty contact cells mean the party has no primary contact.
 * An item with no accountable party at all still gets one record, with empty accountable cells.
 * Filtered by `party`, only that party's records: the board's groups, not the other party of a
 * joint task as well.
 */
export function overdueReportCsv(report: CsvOverdueReport, party?: string): string {
  const records = report.items.flatMap((item) => overdueCsvRecords(report.asOf, item, party));
  return overdueCsvHead() + csvLines(records);
}

/** How the report's CSV starts, before any record: the BOM and the header line. */
export function overdueCsvHead(): string {
  return toCsv([[...OVERDUE_CSV_HEADER]]);
}

/** One item's records of the report on `asOf` (see overdueReportCsv). */
export function overdueCsvRecords(asOf: string, item: CsvItem, party?: string): CsvRecord[] {
  const task = [
    asOf,
    item.engagementId,
    item.engagementName,
    item.customerId,
    item.customerName,
    item.taskKey,
    item.title,
    item.status,
    item.dueDate,
    item.daysOverdue,
  ];
  const responsible = formatParties(item.responsible);
  const parties =
    party === undefined ? item.accountable : item.accountable.filter((e) => e.party === party);
  const accountable = parties.length > 0 ? parties : [null];
  return accountable.map((entry) => [
    ...task,
    entry?.party ?? null,
    entry ? entry.ifRequired : null,
    entry?.contact?.name ?? null,
    entry?.contact?.email ?? null,
    responsible,
  ]);
}

/** The download name of the report for a date. */
export function overdueCsvFilename(asOf: string): string {
  return `overdue-${asOf}.csv`;
}
