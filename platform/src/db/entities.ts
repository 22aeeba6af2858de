import { AuditChainHead, AuditEvent } from '../domain/audit/audit-event.entity';
import { CalendarVersion } from '../domain/calendar/calendar-version.entity';
import { LoginThrottle } from '../domain/auth/login-throttle.entity';
import { UserSession } from '../domain/auth/user-session.entity';
import { Department } from '../domain/org/department.entity';
import { LiaisonDesignation } from '../domain/org/liaison-designation.entity';
import { Membership } from '../domain/org/membership.entity';
import { User } from '../domain/org/user.entity';
import { Tenant } from '../domain/tenant/tenant.entity';

/** Every entity the ORM knows; listed explicitly so discovery never depends on file globs or build layout. */
export const entities = [Tenant, Department, User, Membership, LiaisonDesignation, UserSession, LoginThrottle, AuditEvent, AuditChainHead, CalendarVersion];
