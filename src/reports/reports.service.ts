import { Injectable } from '@nestjs/common';
import { confineToCustomer, customerScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { isCalendarDate, todayUtc } from '../common/domain/calendar-date';
import { isUuid, readCursor, toPage } from '../common/paging/cursor';
import { DEFAULT_PAGE_SIZE } from '../common/paging/page-query.dto';
import { PrismaService } from '../prisma/prisma.service';
import type { OverdueItemPageDto, OverdueSummaryDto } from './dto/overdue-board.dto';
import type { OverdueItemsQueryDto } from './dto/overdue-items-query.dto';
import { OverdueReportQueryDto } from './dto/overdue-report-query.dto';
import { OverdueItemDto, OverdueReportDto, RaciAssigneeDto } from './dto/overdue-report.dto';
import {
  fetchOverdueBandCounts,
  fetchOverdueItemsPage,
  OverdueItemPosition,
} from './overdue-board.report';
import {
  accountableParties,
  daysOverdue,
  EngagementContactRef,
  primaryContact,
  raciEntries,
} from './overdue-rules';
import { summariseBandCounts, summariseByAccountable } from './overdue-summary';
import { fetchOverdueRows, OverdueFilters, OverdueRow } from './overdue.report';

@Injectable()
export class ReportsService {
  constructor(private readonly prisma: PrismaService) {}

  /** Overdue tasks and who is accountable for them. */
  async overdue(query: OverdueReportQueryDto, principal: Principal): Promise<OverdueReportDto> {
    const asOf = query.asOf ?? todayUtc();
    const filters = scopedFilters(query, principal, asOf);
    if (!filters) return { asOf, totalOverdue: 0, byAccountable: [], items: [] };
    const rows = await fetchOverdueRows(this.prisma, filters);
    const items = rows.map(itemsOn(asOf));
    return {
      asOf,
      totalOverdue: items.length,
      byAccountable: summariseByAccountable(items, query.party),
      items,
    };
  }

  /** The report's counts — totals, accountable groups, age bands — without its items. */
  async overdueSummary(
    query: OverdueReportQueryDto,
    principal: Principal,
  ): Promise<OverdueSummaryDto> {
    const asOf = query.asOf ?? todayUtc();
    const filters = scopedFilters(query, principal, asOf);
    const counts = filters ? await fetchOverdueBandCounts(this.prisma, filters) : [];
    return { asOf, ...summariseBandCounts(counts) };
  }

  /** The report's items one page at a time, optionally only one accountable group's. */
  async overdueItems(
    query: OverdueItemsQueryDto,
    principal: Principal,
  ): Promise<OverdueItemPageDto> {
    const asOf = query.asOf ?? todayUtc();
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor === undefined ? undefined : readItemCursor(query.cursor);
    const filters = scopedFilters(query, principal, asOf);
    if (!filters) return { items: [], nextCursor: null };
    const rows = await fetchOverdueItemsPage(this.prisma, {
      ...filters,
      contactEmail: query.noContact === true ? null : query.contactEmail,
      after,
      limit: limit + 1,
    });
    return toPage(rows, limit, itemsOn(asOf), (row) => ({
      d: row.dueDate,
      c: row.customerName,
      p: row.position,
      e: row.engagementId,
    }));
  }
}

/**
 * The report's filters as this principal may apply them, or undefined when the answer is empty.
 * A CUSTOMER key is confined to its own customer; naming another customer yields an empty report
 * (as an unknown customer does), so the answer never reveals whether a foreign customer exists.
 * Every overdue endpoint decides access here.
 */
function scopedFilters(
  query: OverdueReportQueryDto,
  principal: Principal,
  asOf: string,
): OverdueFilters | undefined {
  const customerId = confineToCustomer(customerScope(principal), query.customerId);
  if (customerId === null) return undefined;
  return {
    asOf,
    customerId,
    templateKey: query.templateKey,
    party: query.party,
  };
}

/** The report-order position in an items cursor (short keys: a customer name can be long). */
function readItemCursor(cursor: string): OverdueItemPosition {
  const { d, c, p, e } = readCursor(cursor, {
    d: isCalendarDate,
    c: () => true,
    p: (value: string) => /^\d{1,9}$/.test(value),
    e: isUuid,
  });
  return { dueDate: d, customerName: c, position: Number(p), engagementId: e };
}

/**
 * Report items from rows read on `asOf`. Thousands of tasks share a few hundred due dates, and
 * the tasks of an engagement share its contacts and a handful of RACI lists (one object per
 * distinct list, see readOverdueRows): each lateness and each list of assignees with contacts is
 * worked out once, and items with the same list share it (overdueReportJson writes it once).
 */
function itemsOn(asOf: string): (row: OverdueRow) => OverdueItemDto {
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
