import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Admins only (inside RequireAuth for ADMIN_ROLES): each organization's fee rules. */
export const billingRuleRoutes: RouteObject[] = [
  { path: 'admin/billing-rules', ...lazyPage(() => import('./FeeRulesPage'), 'FeeRulesPage') },
];
