import type { RouteObject } from 'react-router';
import { FeeRulesPage } from './FeeRulesPage';

/** Admins only (inside RequireAuth for ADMIN_ROLES): each organization's fee rules. */
export const billingRuleRoutes: RouteObject[] = [{ path: 'admin/billing-rules', element: <FeeRulesPage /> }];
