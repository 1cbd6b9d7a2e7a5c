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
import {
  fetchOverdueBandCounts,
  fetchOverdueItemsPage,
  OverdueItemPosition,
} from './overdue-board.report';
import { itemsOn, OverdueReportBuilder, OverdueReportFormat } from './overdue-report.builder';
import { summariseBandCounts } from './overdue-summary';
import { buildOverdueQuery, OverdueFilters, streamOverdueRows } from './overdue.report';

@Injectable()
export class ReportsService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Overdue tasks and who is accountable for them, written as JSON or CSV while the rows arrive;
   * with the day lateness was judged on.
   */
  async overdue(
    query: OverdueReportQueryDto,
    principal: Principal,
    format: OverdueReportFormat,
  ): Promise<{ asOf: string; document: Buffer[] }> {
    const asOf = query.asOf ?? todayUtc();
    const builder = new OverdueReportBuilder(asOf, query.party, format);
    const filters = scopedFilters(query, principal, asOf);
    if (filters) {
      await streamOverdueRows(this.prisma, buildOverdueQuery(filters), (row) => builder.add(row));
    }
    return { asOf, document: builder.finish() };
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
