import {
  parseDescription,
  parseReferenceDocument,
  parseSupportedProviders,
} from './reference-document';

const SAMPLE = [
  'Some page title',
  'Intro paragraph.',
  'Alpha (first kind) model',
  'Alpha is supported only on Azure, AWS, and GCP cloud providers.',
  '| Task |',
  'Task description |',
  'Responsible party |',
  'Accountable |',
  'Consulted |',
  'Informed |',
  '| First task |',
  '- Do one',
  '- Do two |',
  'WSO2 |',
  'WSO2/Customer |',
  'Customer (If required) |',
  '- |',
  '| Second task |',
  '|',
  'Customer |',
  'Customer |',
  'WSO2(If required) |',
  'Customer(If required) |',
  'Beta model',
  '| Task |',
  'Task description |',
  'Responsible party |',
  'Accountable |',
  'Consulted |',
  'Informed |',
  '| Only task |',
  'Provide access |',
  'Customer |',
  'Customer |',
  'WSO2 |',
  '- |',
].join('\n');

describe('parseReferenceDocument', () => {
  const models = parseReferenceDocument(SAMPLE);

  it('finds each model with its name, prose and providers', () => {
    expect(models.map((m) => [m.title, m.name, m.allowedCloudProviders])).toEqual([
      ['Alpha (first kind) model', 'Alpha (first kind)', ['AZURE', 'AWS', 'GCP']],
      ['Beta model', 'Beta', null],
    ]);
    expect(models[0].prose).toEqual([
      'Alpha is supported only on Azure, AWS, and GCP cloud providers.',
    ]);
    expect(models[1].prose).toEqual([]);
  });

  it('reads rows with multi-line, single-line and empty descriptions', () => {
    expect(models[0].tasks).toEqual([
      {
        title: 'First task',
        checklist: [
          { text: 'Do one', tiers: null },
          { text: 'Do two', tiers: null },
        ],
        raci: {
          responsible: [{ party: 'WSO2', ifRequired: false }],
          accountable: [
            { party: 'WSO2', ifRequired: false },
            { party: 'CUSTOMER', ifRequired: false },
          ],
          consulted: [{ party: 'CUSTOMER', ifRequired: true }],
          informed: [],
        },
      },
      {
        title: 'Second task',
        checklist: [],
        raci: {
          responsible: [{ party: 'CUSTOMER', ifRequired: false }],
          accountable: [{ party: 'CUSTOMER', ifRequired: false }],
          consulted: [{ party: 'WSO2', ifRequired: true }],
          informed: [{ party: 'CUSTOMER', ifRequired: true }],
        },
      },
    ]);
    expect(models[1].tasks[0].checklist).toEqual([{ text: 'Provide access', tiers: null }]);
  });

  it('refuses a table with the wrong header', () => {
    const broken = SAMPLE.replace('Consulted |', 'Asked |');
    expect(() => parseReferenceDocument(broken)).toThrow(/Line 5: expected a table header/);
  });

  it('refuses a row that ends before its six cells', () => {
    expect(() => parseReferenceDocument(SAMPLE.split('\n').slice(0, -2).join('\n'))).toThrow(
      /row ends before its 6 cells/,
    );
  });

  it('refuses a table without a model heading', () => {
    expect(() =>
      parseReferenceDocument(SAMPLE.replace('Alpha (first kind) model', 'Alpha')),
    ).toThrow(/without a model heading/);
  });
});

describe('parseDescription', () => {
  it('turns "If … tier" lines into the tiers of the items below them', () => {
    const text = [
      'If basic tier',
      '- CSPM',
      '- Patches',
      'If standard tier/premium tier',
      '- CSPM',
      '- SIEM',
    ].join('\n');
    expect(parseDescription(text)).toEqual([
      { text: 'CSPM', tiers: ['BASIC'] },
      { text: 'Patches', tiers: ['BASIC'] },
      { text: 'CSPM', tiers: ['STANDARD', 'PREMIUM'] },
      { text: 'SIEM', tiers: ['STANDARD', 'PREMIUM'] },
    ]);
  });

  it('keeps the text of an item exactly, parentheses included', () => {
    expect(parseDescription('- Manage supply chain security (Image scanning, SAST)')).toEqual([
      { text: 'Manage supply chain security (Image scanning, SAST)', tiers: null },
    ]);
  });

  it('refuses an unknown tier', () => {
    expect(() => parseDescription('If gold tier\n- x')).toThrow(/unknown tier condition/);
  });

  it('reads an empty description as no items', () => {
    expect(parseDescription('')).toEqual([]);
  });
});

describe('parseSupportedProviders', () => {
  it.each([
    [['Supported only on Azure, AWS, and GCP cloud providers.'], ['AZURE', 'AWS', 'GCP']],
    [['Supported only on AWS and GCP cloud providers.'], ['AWS', 'GCP']],
    [['Supported only on Azure cloud providers.'], ['AZURE']],
    [['Runs anywhere.'], null],
    [[], null],
  ])('reads %j', (prose, expected) => {
    expect(parseSupportedProviders(prose)).toEqual(expected);
  });

  it('refuses an unknown provider', () => {
    expect(() => parseSupportedProviders(['supported only on Oracle cloud providers'])).toThrow(
      /Unknown cloud provider "Oracle"/,
    );
  });
});
