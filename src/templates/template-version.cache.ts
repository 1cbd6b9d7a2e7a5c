import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import { toRecord, WITH_TASKS, type TemplateVersionRecord } from './template-version.repository';

/**
 * Published template versions by id, read once per process: a version never changes once
 * published (the service's login may not UPDATE or DELETE template rows), so every engagement
 * created from it can reuse the same record. A handful of versions exist; each is small.
 */
@Injectable()
export class TemplateVersionCache {
  private readonly versions = new Map<string, Promise<TemplateVersionRecord | undefined>>();

  constructor(private readonly prisma: PrismaService) {}

  get(id: string): Promise<TemplateVersionRecord | undefined> {
    let version = this.versions.get(id);
    if (!version) {
      version = this.prisma.templateVersion
        .findUnique({ where: { id }, include: WITH_TASKS })
        .then((row) => (row ? toRecord(row) : undefined));
      this.versions.set(id, version);
      // A failed read is not remembered.
      version.catch(() => this.versions.delete(id));
    }
    return version;
  }
}
