import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { Request, Response } from 'express';
import type { OverdueReportFormat } from './overdue-report.builder';
import { overdueCsvFilename } from './overdue-csv';

const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Content negotiation for the report: CSV when the client prefers `text/csv`, JSON otherwise
 * (including `*\/*` and no Accept header). Responses vary by Accept, so caches keep both apart.
 * `build` writes the report in that format (as its rows arrive, see OverdueReportBuilder).
 */
export async function renderOverdueReport(
  req: Request,
  res: Response,
  build: (format: OverdueReportFormat) => Promise<{ asOf: string; document: Buffer[] }>,
): Promise<StreamableFile> {
  res.vary('Accept');
  if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') {
    return sent((await build('json')).document, { type: JSON_CONTENT_TYPE });
  }
  const { asOf, document } = await build('csv');
  return sent(document, {
    type: CSV_CONTENT_TYPE,
    disposition: `attachment; filename="${overdueCsvFilename(asOf)}"`,
  });
}

/** A document's parts sent one after the other, with their total length. */
function sent(parts: Buffer[], headers: { type: string; disposition?: string }): StreamableFile {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  return new StreamableFile(Readable.from(parts, { objectMode: false }), { ...headers, length });
}
