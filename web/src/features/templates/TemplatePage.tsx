import { useState, type FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '@/shared/api';
import { formatDate } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { FilterSelect } from '@/shared/ui/FilterSelect';
import { Loading } from '@/shared/ui/Loading';
import { NotFound } from '@/shared/ui/NotFound';
import { PageHeader } from '@/shared/ui/PageHeader';
import { RaciMatrix } from './RaciMatrix';
import { VersionDiff } from './VersionDiff';
import { useTemplateDiff, useTemplateVersion, useTemplateVersions } from './templates-api';

function positive(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * One management model as its RACI matrix, any of its versions (`?version=`), and what changed
 * between two of them (`?from=&to=`): all in the URL, so a view can be shared.
 */
export default function TemplatePage() {
  const { key = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const version = positive(params.get('version'));
  const from = positive(params.get('from'));
  const to = positive(params.get('to'));
  const compared = from !== undefined && to !== undefined ? { from, to } : undefined;

  const template = useTemplateVersion(key, version);
  const versions = useTemplateVersions(key);
  const diff = useTemplateDiff(key, compared);
  const diffTarget = useTemplateVersion(key, compared?.to);

  const published = versions.data?.map((v) => v.version) ?? [];
  const latest = published.at(-1);
  const versionOptions = published.map((v) => ({ value: String(v), label: String(v) }));
  const [choice, setChoice] = useState<{ from?: number; to?: number }>({});
  const chosenFrom = choice.from ?? from ?? published.at(-2);
  const chosenTo = choice.to ?? to ?? latest;

  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  const compare = (event: FormEvent) => {
    event.preventDefault();
    update({ from: String(chosenFrom), to: String(chosenTo) });
  };

  if (template.isPending) return <Loading />;
  if (template.error) {
    if (template.error instanceof ApiError && template.error.status === 404) {
      return <NotFound what={version ? 'template version' : 'template'} />;
    }
    return (
      <>
        <PageHeader title="Template" />
        <ErrorNotice error={template.error} />
      </>
    );
  }
  const t = template.data;
  const titles = new Map(
    [...(diffTarget.data?.tasks ?? []), ...t.tasks].map((task) => [task.key, task.title]),
  );

  return (
    <>
      <PageHeader title={t.name} />
      <dl className="facts">
        <dt>Key</dt>
        <dd>{t.key}</dd>
        <dt>Version</dt>
        <dd>
          {t.version}
          {latest !== undefined && t.version !== latest && (
            <span className="muted"> (the latest is {latest})</span>
          )}
          , published {formatDate(t.publishedAt)}
        </dd>
        <dt>Parties</dt>
        <dd>{t.parties.map(label).join(', ')}</dd>
        <dt>Cloud providers</dt>
        <dd>{t.allowedCloudProviders ? t.allowedCloudProviders.map(label).join(', ') : 'Any'}</dd>
      </dl>
      {t.description && <p>{t.description}</p>}

      {published.length > 1 && (
        <div className="toolbar">
          <FilterSelect
            id="template-version"
            label="Show version"
            value={String(t.version)}
            options={published.map((v) => ({
              value: String(v),
              label: v === latest ? `${v} (latest)` : String(v),
            }))}
            onChange={(v) => update({ version: Number(v) === latest ? undefined : v })}
          />
        </div>
      )}
      <RaciMatrix template={t} />

      <section className="versions" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <ErrorNotice error={versions.error} title="Could not load the versions" />
        <ol className="plain-list">
          {versions.data?.map((v) => (
            <li key={v.version}>
              Version {v.version} · published {formatDate(v.publishedAt)} · {v.taskCount} tasks
              {v.name !== t.name && <span className="muted"> · “{v.name}”</span>}
            </li>
          ))}
        </ol>
        {published.length > 1 ? (
          <form className="toolbar" onSubmit={compare} aria-label="Compare versions">
            <FilterSelect
              id="diff-from"
              label="Compare version"
              value={String(chosenFrom)}
              options={versionOptions}
              onChange={(v) => setChoice({ ...choice, from: Number(v) })}
            />
            <FilterSelect
              id="diff-to"
              label="with version"
              value={String(chosenTo)}
              options={versionOptions}
              onChange={(v) => setChoice({ ...choice, to: Number(v) })}
            />
            <button type="submit">Compare</button>
          </form>
        ) : (
          versions.data && <p className="muted">Only one version has been published.</p>
        )}
        <ErrorNotice error={diff.error} title="Could not compare the versions" />
        {diff.data && <VersionDiff diff={diff.data} titles={titles} />}
      </section>
    </>
  );
}
