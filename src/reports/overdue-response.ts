import { StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { OverdueReportDto } from './dto/overdue-report.dto';
import { overdueCsvFilename, overdueReportCsv } from './overdue-csv';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Content negotiation for the report: CSV when the client prefers `text/csv`, JSON otherwise
 * (including `*\/*` and no Accept header). Responses vary by Accept, so caches keep both apart.
 * The JSON is the report's own bytes, written while its rows arrive (OverdueReportBuilder).
 */
export async function renderOverdueReport(
  req: Request,
  res: Response,
  party: string | undefined,
  build: { json: () => Promise<Buffer>; report: () => Promise<OverdueReportDto> },
): Promise<StreamableFile | string> {
  res.vary('Accept');
  if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') {
    return new StreamableFile(await build.json(), { type: JSON_CONTENT_TYPE });
  }
  const report = await build.report();
  res.setHeader('Content-Type', CSV_CONTENT_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${overdueCsvFilename(report.asOf)}"`);
  return overdueReportCsv(report, party);
}
