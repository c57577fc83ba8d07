// The wire contract between the API, the Sheets add-on and the CLI: zod schemas and the types
// inferred from them. Field names here are public (the sidebar, the CLI and the insights engine
// speak them); add fields, never rename them.
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const count = z.number().int().min(0).max(1_000_000);

/** What the owner is looking for. Every field has a default, so `{areas, industries}` is enough. */
export const SearchProfile = z
  .object({
    areas: z.array(text(40)).min(1).max(20),
    industries: z.array(text(40)).min(1).max(10),
    employeesMin: count.nullable().default(null),
    employeesMax: count.nullable().default(null),
    includeUnknownEmployees: z.boolean().default(true),
    minRating: z.number().min(0).max(5).nullable().default(null),
    minReviews: count.nullable().default(null),
    maxReviews: count.nullable().default(null),
    requirePhone: z.boolean().default(true),
    requireWebsite: z.boolean().default(false),
    excludeIndustries: z.array(text(40)).max(50).default([]),
    excludeAreas: z.array(text(40)).max(50).default([]),
    excludeRefusing: z.boolean().default(true),
    newOnly: z.boolean().default(false),
    dailyLimit: z.number().int().min(1).max(500).default(30),
  })
  .strict()
  .refine((p) => p.employeesMin == null || p.employeesMax == null || p.employeesMin <= p.employeesMax, {
    message: 'employeesMin must not exceed employeesMax',
    path: ['employeesMin'],
  })
  .refine((p) => p.minReviews == null || p.maxReviews == null || p.minReviews <= p.maxReviews, {
    message: 'minReviews must not exceed maxReviews',
    path: ['minReviews'],
  });
export type SearchProfile = z.infer<typeof SearchProfile>;
export type SearchProfileInput = z.input<typeof SearchProfile>;

export const ScreeningVerdict = z.enum(['refuses', 'clear', 'unscreened']);
export type ScreeningVerdict = z.infer<typeof ScreeningVerdict>;

export const Evidence = z.object({ url: z.string(), phrase: z.string(), context: z.string() });
export type Evidence = z.infer<typeof Evidence>;

export const Screening = z.object({
  verdict: ScreeningVerdict,
  evidence: z.array(Evidence),
  checkedAt: z.string().nullable(),
});
export type Screening = z.infer<typeof Screening>;

/** One business offered to the owner, as the add-on writes it into a row. */
export const Lead = z.object({
  /** Tsugi's id for the lead; the add-on keeps it in the hidden id column. */
  id: z.string(),
  placeId: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  googleMapsUrl: z.string().nullable(),
  primaryType: z.string().nullable(),
  /** Japanese label of the primary type (美容院, 歯科医院…). */
  primaryTypeLabel: z.string().nullable(),
  rating: z.number().nullable(),
  reviewCount: z.number().int(),
  /** null = unknown (Maps has no employee counts; see employeesSource). */
  employees: z.number().int().nullable(),
  employeesSource: z.string().nullable(),
  /** The registered name of the corporation the lead was matched to in gBizINFO (有限会社竹内商事 behind "hair make GALA"). */
  legalName: z.string().nullable().optional(),
  /** From gBizINFO when the lead was matched to a corporation (absent or null otherwise). */
  corporateNumber: z.string().nullable().optional(),
  /** YYYY-MM-DD, from gBizINFO. */
  establishedDate: z.string().nullable().optional(),
  /** Established within the 12 months before the lead was found; null when unknown. */
  newlyEstablished: z.boolean().nullable().optional(),
  newlyListed: z.boolean(),
  /** ISO date (YYYY-MM-DD) Tsugi first saw the place on Maps. */
  firstSeen: z.string(),
  /** The profile's area and industry words this lead was found for. */
  area: z.string(),
  industry: z.string(),
  screening: Screening,
  emails: z.array(z.string()),
  contactForm: z.string().nullable(),
});
export type Lead = z.infer<typeof Lead>;

export const PullState = z.enum(['ready', 'partial', 'exhausted']);
export type PullState = z.infer<typeof PullState>;

export const Notice = z.object({ code: z.string(), message: z.string() });
export type Notice = z.infer<typeof Notice>;

/** A batch of fresh leads. Served again unchanged until acknowledged or expired. */
export const PullBatch = z.object({
  batchId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** true when this batch was already served once and not acknowledged. */
  replayed: z.boolean(),
  leads: z.array(Lead),
  status: z.object({ state: PullState, notices: z.array(Notice) }),
});
export type PullBatch = z.infer<typeof PullBatch>;

export const PullRequest = z.object({ limit: z.number().int().min(1).max(500).optional() }).strict();
export type PullRequest = z.infer<typeof PullRequest>;

export const AckResult = z.object({ batchId: z.string(), acknowledged: z.number().int(), alreadyAcknowledged: z.boolean() });
export type AckResult = z.infer<typeof AckResult>;

export const OutcomeStatus = z.enum(['won', 'rejected', 'held']);
export type OutcomeStatus = z.infer<typeof OutcomeStatus>;
export const OutcomeReason = z.enum(['budget', 'industry', 'timing', 'competitor', 'other']);
export type OutcomeReason = z.infer<typeof OutcomeReason>;

/** The attributes of a lead an outcome is analysed by. */
export const Segment = z
  .object({
    employees: count.nullable(),
    industry: z.string().max(80).nullable(),
    area: z.string().max(80).nullable(),
    newListing: z.boolean().nullable(),
    /** Established within 12 months (gBizINFO); absent or null when unknown. */
    newlyEstablished: z.boolean().nullable().optional(),
    rating: z.number().min(0).max(5).nullable(),
    reviews: count.nullable(),
  })
  .strict();
export type Segment = z.infer<typeof Segment>;

/** The owner's verdict on a lead (成約 / 失注 + reason / 保留). */
export const Outcome = z
  .object({
    leadId: z.string().min(1).max(100),
    status: OutcomeStatus,
    reason: OutcomeReason.nullable(),
    at: z.iso.datetime(),
    segment: Segment,
  })
  .strict()
  .refine((o) => o.status === 'rejected' || o.reason == null, {
    message: 'a reason is only given with status rejected',
    path: ['reason'],
  });
export type Outcome = z.infer<typeof Outcome>;

/** POST /v1/outcomes: the owner's verdicts; per lead, the one with the latest `at` is kept. */
export const OutcomesRequest = z.object({ outcomes: z.array(Outcome).min(1).max(500) }).strict();
export type OutcomesRequest = z.infer<typeof OutcomesRequest>;
/** `ignored`: verdicts older than the one already kept for their lead (or superseded in the request). */
export const OutcomesResponse = z.object({ recorded: z.number().int(), ignored: z.number().int() });
export type OutcomesResponse = z.infer<typeof OutcomesResponse>;

/** A row the owner already has (typed in, imported) that carries no Tsugi id yet. */
export const KnownRow = z
  .object({
    name: z.string().max(200).nullish(),
    address: z.string().max(300).nullish(),
    phone: z.string().max(50).nullish(),
    website: z.string().max(500).nullish(),
  })
  .strict();
export type KnownRow = z.infer<typeof KnownRow>;

/** POST /v1/known: the rows' keys join the tenant's set; each row gets an id to keep in the sheet. */
export const KnownRequest = z.object({ rows: z.array(KnownRow).min(1).max(2000) }).strict();
export type KnownRequest = z.infer<typeof KnownRequest>;
export const KnownResponse = z.object({ ids: z.array(z.string()) });
export type KnownResponse = z.infer<typeof KnownResponse>;

export const TenantCreated = z.object({ tenantSecret: z.string() });
export type TenantCreated = z.infer<typeof TenantCreated>;

/** The one error shape every failing request answers with. */
export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Header that carries the sheet (tenant) secret issued on first contact. */
export const TENANT_SECRET_HEADER = 'X-Tsugi-Tenant-Secret';

// GET /v1/insights: what the owner's verdicts say about their filters (computed by
// shared/insights.ts; these schemas mirror its types so the add-on and the CLI can check the answer).

const rate = z.number().min(0).max(1);
const tally = z.number().int().min(0);

export const InsightCounts = z.object({
  decided: tally,
  won: tally,
  rejected: tally,
  held: tally,
  winRate: rate.nullable(),
});
export type InsightCounts = z.infer<typeof InsightCounts>;

export const InsightSegmentRow = InsightCounts.extend({
  dimension: z.enum(['employees', 'industry', 'area', 'newListing', 'newlyEstablished', 'rating', 'reviews']),
  label: z.string(),
  labelEn: z.string(),
  reasons: z.record(OutcomeReason, tally),
});
export type InsightSegmentRow = z.infer<typeof InsightSegmentRow>;

type ProfileShape = typeof SearchProfile.shape;
type ChangeShape = { [K in keyof ProfileShape]: z.ZodOptional<ProfileShape[K] extends z.ZodDefault<infer Inner extends z.ZodType> ? Inner : ProfileShape[K]> };
/**
 * Some fields of a SearchProfile, as a suggestion sets them (a list is the whole new list). Built
 * from SearchProfile's fields without their defaults, so a field left out stays out.
 */
export const ProfileChange = z
  .object(
    Object.fromEntries(
      Object.entries(SearchProfile.shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? field.unwrap() : field).optional()]),
    ) as ChangeShape,
  )
  .strict();
export type ProfileChange = z.infer<typeof ProfileChange>;

export const InsightSupport = z.object({
  segment: z.string(),
  segmentEn: z.string(),
  inSegment: InsightCounts,
  outside: InsightCounts,
  dominantReason: z.object({ reason: OutcomeReason, count: tally }).nullable(),
  pValue: rate,
  adjustedPValue: rate,
  tests: tally,
});
export type InsightSupport = z.infer<typeof InsightSupport>;

export const InsightSuggestion = z.object({
  /** Stable key of the change, e.g. `employeesMin=11`. */
  id: z.string().min(1).max(200),
  change: ProfileChange,
  support: InsightSupport,
  message: z.string(),
  messageEn: z.string(),
});
export type InsightSuggestion = z.infer<typeof InsightSuggestion>;

export const InsightsResponse = z.object({
  suggestions: z.array(InsightSuggestion),
  segments: z.array(InsightSegmentRow),
  totals: InsightCounts,
  method: z.object({
    test: z.literal('permutation-max-lr-one-sided'),
    correction: z.literal('holm'),
    alpha: z.number(),
    minSegment: z.number(),
    minEffect: z.number(),
  }),
});
export type InsightsResponse = z.infer<typeof InsightsResponse>;
