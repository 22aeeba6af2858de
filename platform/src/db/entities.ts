import { Attachment } from '../domain/attachment/attachment.entity';
import { AuditChainHead, AuditEvent } from '../domain/audit/audit-event.entity';
import { CalendarVersion } from '../domain/calendar/calendar-version.entity';
import { CaseInstance } from '../domain/case/case-instance.entity';
import { CaseLink } from '../domain/case/case-link.entity';
import { CreditRecord } from '../domain/case/credit-record.entity';
import { OfflineDelivery } from '../domain/case/offline-delivery.entity';
import { MessageSubscription } from '../domain/case/message-subscription.entity';
import { ReportSnapshot } from '../domain/case/report-snapshot.entity';
import { DefinitionDraft } from '../domain/definition/definition-draft.entity';
import { DefinitionVersion } from '../domain/definition/definition-version.entity';
import { ValidityExtension } from '../domain/definition/validity-extension.entity';
import { ExpiryNotice } from '../domain/definition/expiry-notice.entity';
import { PackRevision } from '../domain/definition/pack-revision.entity';
import { MigrationCase } from '../domain/definition/migration-case.entity';
import { MigrationPlan } from '../domain/definition/migration-plan.entity';
import { FormVersion } from '../domain/definition/form-version.entity';
import { Notification } from '../domain/notification/notification.entity';
import { NotificationRead } from '../domain/notification/notification-read.entity';
import { Task } from '../domain/task/task.entity';
import { LoginThrottle } from '../domain/auth/login-throttle.entity';
import { UserSession } from '../domain/auth/user-session.entity';
import { Department } from '../domain/org/department.entity';
import { LiaisonDesignation } from '../domain/org/liaison-designation.entity';
import { Membership } from '../domain/org/membership.entity';
import { User } from '../domain/org/user.entity';
import { PublicSubmission } from '../domain/public/public-submission.entity';
import { RateCounter } from '../domain/public/rate-counter.entity';
import { Tenant } from '../domain/tenant/tenant.entity';
import { Incident } from '../scheduler/incident.entity';
import { Job } from '../scheduler/job.entity';

/** Every entity the ORM knows; listed explicitly so discovery never depends on file globs or build layout. */
export const entities = [Tenant, Department, User, Membership, LiaisonDesignation, UserSession, LoginThrottle, AuditEvent, AuditChainHead, CalendarVersion,
  DefinitionVersion, DefinitionDraft, FormVersion, CaseInstance, CaseLink, MessageSubscription, Task, Notification, CreditRecord, ReportSnapshot,
  Job, Incident, Attachment, OfflineDelivery, PublicSubmission, RateCounter, NotificationRead,
  ValidityExtension,
  PackRevision,
  MigrationPlan, MigrationCase,
  ExpiryNotice,
 ];
