// filter: does a lead fit the owner's profile? Pure; answers the first rule it breaks.
import type { Lead, SearchProfile } from '../../../shared/contract.ts';
import { matchesIndustry } from '../../../shared/industries.ts';

export type FilterVerdict =
  | { pass: true }
  | {
      pass: false;
      rule:
        | 'excludeIndustries'
        | 'excludeAreas'
        | 'requirePhone'
        | 'requireWebsite'
        | 'minRating'
        | 'minReviews'
        | 'maxReviews'
        | 'employees'
        | 'newOnly'
        | 'excludeRefusing';
    };

export interface FilterOptions {
  /**
   * false: employee counts cannot be known (no gBizINFO configured) or are not known yet (before
   * enrichment), so the employee rule is not applied. Default true.
   */
  employeeCountsAvailable?: boolean;
}

export function filterLead(lead: Lead, types: readonly string[], profile: SearchProfile, options: FilterOptions = {}): FilterVerdict {
  const fail = (rule: Extract<FilterVerdict, { pass: false }>['rule']): FilterVerdict => ({ pass: false, rule });
  if (matchesIndustry(types, profile.excludeIndustries)) return fail('excludeIndustries');
  if (profile.excludeAreas.some((area) => lead.address.includes(area))) return fail('excludeAreas');
  if (profile.requirePhone && !lead.phone) return fail('requirePhone');
  if (profile.requireWebsite && !lead.website) return fail('requireWebsite');
  if (profile.minRating != null && (lead.rating ?? 0) < profile.minRating) return fail('minRating');
  if (profile.minReviews != null && lead.reviewCount < profile.minReviews) return fail('minReviews');
  if (profile.maxReviews != null && lead.reviewCount > profile.maxReviews) return fail('maxReviews');
  if (options.employeeCountsAvailable !== false && !passesEmployeeRule(lead, profile)) return fail('employees');
  if (profile.newOnly && !lead.newlyListed) return fail('newOnly');
  if (profile.excludeRefusing && lead.screening.verdict === 'refuses') return fail('excludeRefusing');
  return { pass: true };
}

/**
 * employeesMin / employeesMax, with includeUnknownEmployees deciding for a lead whose count is
 * unknown. Applied after enrichment (the count comes from gBizINFO).
 */
export function passesEmployeeRule(lead: Lead, profile: SearchProfile): boolean {
  if (lead.employees == null) {
    const bounded = profile.employeesMin != null || profile.employeesMax != null;
    return !bounded || profile.includeUnknownEmployees;
  }
  return (profile.employeesMin == null || lead.employees >= profile.employeesMin) && (profile.employeesMax == null || lead.employees <= profile.employeesMax);
}
