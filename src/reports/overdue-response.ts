import type { Request, Response } from 'express';
import type { OverdueReportDto } from './dto/overdue-report.dto';
import { overdueCsvFilename, overdueReportCsv } from './overdue-csv';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/**
 * Content negotiation for the report: CSV when the client prefers `text/csv`, JSON otherwise
 * (including `*\/*` and no Accept header). Responses vary by Accept, so caches keep both apart.
 */
export function renderOverdueReport(
  report: OverdueReportDto,
  party: string | undefined,
  req: Request,
  res: Response,
): OverdueReportDto | string {
  res.vary('Accept');
  if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') return report;
  res.setHeader('Content-Type', CSV_CONTENT_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${overdueCsvFilename(report.asOf)}"`);
  return overdueReportCsv(report, party);
}
