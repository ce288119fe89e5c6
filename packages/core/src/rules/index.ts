/**
 * The explicit, sorted registry of built-in rules. Add one import and one entry per rule, in
 * alphabetical order of the rule id (a test checks the order). No directory scanning.
 */
import type { AnyRule } from '../engine/types.js';
import { rule as accountEnumeration } from './detecting/account-enumeration.js';
import { rule as adminWithoutMfa } from './spoofing/admin-without-mfa.js';
import { rule as automatedDecisionsWithoutReview } from './unawareness/automated-decisions-without-review.js';
import { rule as baselineDenialOfService } from './denial-of-service/baseline-denial-of-service.js';
import { rule as baselineElevationOfPrivilege } from './elevation-of-privilege/baseline-elevation-of-privilege.js';
import { rule as baselineInformationDisclosure } from './information-disclosure/baseline-information-disclosure.js';
import { rule as baselineRepudiation } from './repudiation/baseline-repudiation.js';
import { rule as baselineSpoofing } from './spoofing/baseline-spoofing.js';
import { rule as baselineTampering } from './tampering/baseline-tampering.js';
import { rule as brokenObjectAuthorization } from './elevation-of-privilege/broken-object-authorization.js';
import { rule as bruteForceLogin } from './spoofing/brute-force-login.js';
import { rule as buildPipelineCompromise } from './elevation-of-privilege/build-pipeline-compromise.js';
import { rule as certificateExpiry } from './denial-of-service/certificate-expiry.js';
import { rule as childrenDataWithoutParentalConsent } from './non-compliance/children-data-without-parental-consent.js';
import { rule as cloudAuditLoggingDisabled } from './repudiation/cloud-audit-logging-disabled.js';
import { rule as controlPlaneExposed } from './elevation-of-privilege/control-plane-exposed.js';
import { rule as credentialStuffing } from './spoofing/credential-stuffing.js';
import { rule as crossAccountTrust } from './elevation-of-privilege/cross-account-trust.js';
import { rule as crossBorderTransfer } from './non-compliance/cross-border-transfer.js';
import { rule as crossContextLinking } from './linking/cross-context-linking.js';
import { rule as csrf } from './spoofing/csrf.js';
import { rule as dataStoreExposedToInternet } from './information-disclosure/data-store-exposed-to-internet.js';
import { rule as deviceFingerprinting } from './identifying/device-fingerprinting.js';
import { rule as emailSpoofing } from './spoofing/email-spoofing.js';
import { rule as excessiveCollection } from './data-disclosure/excessive-collection.js';
import { rule as expensiveQueries } from './denial-of-service/expensive-queries.js';
import { rule as exposedAdminInterface } from './elevation-of-privilege/exposed-admin-interface.js';
import { rule as forgedRequest } from './spoofing/forged-request.js';
import { rule as hostHeaderPoisoning } from './tampering/host-header-poisoning.js';
import { rule as identifiersInUrls } from './identifying/identifiers-in-urls.js';
import { rule as insecureClientStorage } from './information-disclosure/insecure-client-storage.js';
import { rule as insecureDeserialization } from './elevation-of-privilege/insecure-deserialization.js';
import { rule as largeUploads } from './denial-of-service/large-uploads.js';
import { rule as llmExcessiveAgency } from './elevation-of-privilege/llm-excessive-agency.js';
import { rule as llmIndirectPromptInjection } from './tampering/llm-indirect-prompt-injection.js';
import { rule as llmInsecureOutputHandling } from './tampering/llm-insecure-output-handling.js';
import { rule as llmModelSupplyChain } from './tampering/llm-model-supply-chain.js';
import { rule as llmPromptInjection } from './tampering/llm-prompt-injection.js';
import { rule as llmRetrievalPoisoning } from './tampering/llm-retrieval-poisoning.js';
import { rule as llmSensitiveRetrieval } from './information-disclosure/llm-sensitive-retrieval.js';
import { rule as llmSystemPromptLeakage } from './information-disclosure/llm-system-prompt-leakage.js';
import { rule as llmUnboundedConsumption } from './denial-of-service/llm-unbounded-consumption.js';
import { rule as maliciousUpload } from './elevation-of-privilege/malicious-upload.js';
import { rule as massAssignment } from './elevation-of-privilege/mass-assignment.js';
import { rule as messageRelayAbuse } from './denial-of-service/message-relay-abuse.js';
import { rule as metadataEndpointSsrf } from './information-disclosure/metadata-endpoint-ssrf.js';
import { rule as missingAuditLog } from './repudiation/missing-audit-log.js';
import { rule as missingBackups } from './denial-of-service/missing-backups.js';
import { rule as missingCertificatePinning } from './tampering/missing-certificate-pinning.js';
import { rule as missingDdosProtection } from './denial-of-service/missing-ddos-protection.js';
import { rule as missingFunctionAuthorization } from './elevation-of-privilege/missing-function-authorization.js';
import { rule as missingSecurityHeaders } from './information-disclosure/missing-security-headers.js';
import { rule as missingSegmentation } from './elevation-of-privilege/missing-segmentation.js';
import { rule as mobileAppTampering } from './tampering/mobile-app-tampering.js';
import { rule as noDeletionPath } from './non-compliance/no-deletion-path.js';
import { rule as noDependencyScanning } from './tampering/no-dependency-scanning.js';
import { rule as noPrivacyNotice } from './unawareness/no-privacy-notice.js';
import { rule as noRetentionPolicy } from './non-compliance/no-retention-policy.js';
import { rule as noSessionExpiry } from './spoofing/no-session-expiry.js';
import { rule as noSubjectAccess } from './unawareness/no-subject-access.js';
import { rule as openRedirect } from './spoofing/open-redirect.js';
import { rule as overPrivilegedWorkload } from './elevation-of-privilege/over-privileged-workload.js';
import { rule as paymentTampering } from './tampering/payment-tampering.js';
import { rule as personalDataToAnalytics } from './unawareness/personal-data-to-analytics.js';
import { rule as plaintextCredentials } from './information-disclosure/plaintext-credentials.js';
import { rule as preciseLocationShared } from './detecting/precise-location-shared.js';
import { rule as privilegedDataAccess } from './information-disclosure/privileged-data-access.js';
import { rule as processorWithoutAgreement } from './non-compliance/processor-without-agreement.js';
import { rule as publicObjectStore } from './information-disclosure/public-object-store.js';
import { rule as reflectedXss } from './tampering/reflected-xss.js';
import { rule as replayableRequest } from './tampering/replayable-request.js';
import { rule as resetFlooding } from './denial-of-service/reset-flooding.js';
import { rule as resetTokenLeakage } from './information-disclosure/reset-token-leakage.js';
import { rule as secretsInCode } from './information-disclosure/secrets-in-code.js';
import { rule as secretsOutsideVault } from './information-disclosure/secrets-outside-vault.js';
import { rule as sensitiveDataInLogs } from './information-disclosure/sensitive-data-in-logs.js';
import { rule as sessionFixation } from './spoofing/session-fixation.js';
import { rule as sessionHijacking } from './spoofing/session-hijacking.js';
import { rule as specialCategoryWithoutDpia } from './non-compliance/special-category-without-dpia.js';
import { rule as spoofedCaller } from './spoofing/spoofed-caller.js';
import { rule as storedXss } from './tampering/stored-xss.js';
import { rule as tamperableLogs } from './repudiation/tamperable-logs.js';
import { rule as thirdPartyScriptLeakage } from './information-disclosure/third-party-script-leakage.js';
import { rule as unauditedDataAccess } from './repudiation/unaudited-data-access.js';
import { rule as unauthenticatedAdmin } from './spoofing/unauthenticated-admin.js';
import { rule as unauthenticatedInternalCall } from './spoofing/unauthenticated-internal-call.js';
import { rule as unencryptedDataStore } from './information-disclosure/unencrypted-data-store.js';
import { rule as unencryptedFlow } from './information-disclosure/unencrypted-flow.js';
import { rule as unpinnedBaseImage } from './tampering/unpinned-base-image.js';
import { rule as unpinnedDependencies } from './tampering/unpinned-dependencies.js';
import { rule as unsignedArtifacts } from './tampering/unsigned-artifacts.js';
import { rule as unsignedTransaction } from './repudiation/unsigned-transaction.js';
import { rule as unthrottledEndpoint } from './denial-of-service/unthrottled-endpoint.js';
import { rule as untrustedWriteToStore } from './tampering/untrusted-write-to-store.js';
import { rule as unvalidatedInput } from './tampering/unvalidated-input.js';
import { rule as unverifiedJwt } from './elevation-of-privilege/unverified-jwt.js';
import { rule as verboseErrors } from './information-disclosure/verbose-errors.js';
import { rule as weakPasswordHashing } from './information-disclosure/weak-password-hashing.js';
import { rule as weakPasswordPolicy } from './spoofing/weak-password-policy.js';
import { rule as sqlInjection } from './tampering/sql-injection.js';
import { rule as nosqlInjection } from './tampering/nosql-injection.js';
import { rule as ldapInjection } from './tampering/ldap-injection.js';
import { rule as searchInjection } from './tampering/search-injection.js';
import { rule as osCommandInjection } from './tampering/os-command-injection.js';
import { rule as xpathInjection } from './tampering/xpath-injection.js';
import { rule as serverSideTemplateInjection } from './elevation-of-privilege/server-side-template-injection.js';
import { rule as ssrf } from './information-disclosure/ssrf.js';
import { rule as xxe } from './information-disclosure/xxe.js';
import { rule as pathTraversal } from './information-disclosure/path-traversal.js';
import { rule as logInjection } from './repudiation/log-injection.js';
import { rule as graphqlAbuse } from './denial-of-service/graphql-abuse.js';
import { rule as corsMisconfiguration } from './information-disclosure/cors-misconfiguration.js';
import { rule as requestSmuggling } from './tampering/request-smuggling.js';
import { rule as sensitiveDataCached } from './information-disclosure/sensitive-data-cached.js';
import { rule as queueMessageInjection } from './spoofing/queue-message-injection.js';
import { rule as poisonMessage } from './denial-of-service/poison-message.js';
import { rule as unencryptedBackups } from './information-disclosure/unencrypted-backups.js';
import { rule as noKeyRotation } from './information-disclosure/no-key-rotation.js';
import { rule as singlePointOfFailure } from './denial-of-service/single-point-of-failure.js';
import { rule as missingTimeouts } from './denial-of-service/missing-timeouts.js';
import { rule as regexDos } from './denial-of-service/regex-dos.js';
import { rule as unsignedOutgoingWebhooks } from './spoofing/unsigned-outgoing-webhooks.js';
import { rule as tenantIsolation } from './information-disclosure/tenant-isolation.js';
import { rule as roleClaimsEscalation } from './elevation-of-privilege/role-claims-escalation.js';
import { rule as domXss } from './tampering/dom-xss.js';
import { rule as secretsStoreOverexposed } from './elevation-of-privilege/secrets-store-overexposed.js';
import { rule as containerBreakout } from './elevation-of-privilege/container-breakout.js';
import { rule as cardDataStored } from './information-disclosure/card-data-stored.js';
import { rule as exposedRemoteAdministration } from './elevation-of-privilege/exposed-remote-administration.js';
import { rule as llmDataToProvider } from './information-disclosure/llm-data-to-provider.js';
import { rule as sharedAdminAccounts } from './repudiation/shared-admin-accounts.js';
import { rule as defaultCredentials } from './spoofing/default-credentials.js';
import { rule as longLivedTokens } from './spoofing/long-lived-tokens.js';
import { rule as apiKeyInClient } from './information-disclosure/api-key-in-client.js';
import { rule as sensitiveChangeWithoutReauth } from './spoofing/sensitive-change-without-reauth.js';
import { rule as oauthRedirectUriValidation } from './spoofing/oauth-redirect-uri-validation.js';
import { rule as oauthWithoutPkce } from './spoofing/oauth-without-pkce.js';
import { rule as samlSignatureValidation } from './spoofing/saml-signature-validation.js';
import { rule as excessiveDataExposure } from './information-disclosure/excessive-data-exposure.js';
import { rule as sensitiveBusinessFlowAbuse } from './denial-of-service/sensitive-business-flow-abuse.js';
import { rule as apiInventory } from './information-disclosure/api-inventory.js';
import { rule as unsafeApiConsumption } from './tampering/unsafe-api-consumption.js';
import { rule as websocketOriginCheck } from './spoofing/websocket-origin-check.js';
import { rule as decompressionBomb } from './denial-of-service/decompression-bomb.js';
import { rule as insecureRandomness } from './spoofing/insecure-randomness.js';
import { rule as authorizationFailsOpen } from './elevation-of-privilege/authorization-fails-open.js';
import { rule as noSecurityAlerting } from './repudiation/no-security-alerting.js';
import { rule as shortLogRetention } from './repudiation/short-log-retention.js';
import { rule as untestedRestores } from './denial-of-service/untested-restores.js';
import { rule as ledgerNotAppendOnly } from './tampering/ledger-not-append-only.js';
import { rule as subdomainTakeover } from './spoofing/subdomain-takeover.js';
import { rule as unboundedRequestBodies } from './denial-of-service/unbounded-request-bodies.js';
import { rule as prototypePollution } from './tampering/prototype-pollution.js';
import { rule as csvFormulaInjection } from './tampering/csv-formula-injection.js';
import { rule as emailHeaderInjection } from './tampering/email-header-injection.js';
import { rule as limitOverrunRace } from './tampering/limit-overrun-race.js';
import { rule as tokensInBrowserStorage } from './information-disclosure/tokens-in-browser-storage.js';
import { rule as deepLinkHijacking } from './spoofing/deep-link-hijacking.js';
import { rule as disabledCertificateValidation } from './tampering/disabled-certificate-validation.js';

export const builtinRules: readonly AnyRule[] = [
  accountEnumeration,
  adminWithoutMfa,
  apiInventory,
  apiKeyInClient,
  authorizationFailsOpen,
  automatedDecisionsWithoutReview,
  baselineDenialOfService,
  baselineElevationOfPrivilege,
  baselineInformationDisclosure,
  baselineRepudiation,
  baselineSpoofing,
  baselineTampering,
  brokenObjectAuthorization,
  bruteForceLogin,
  buildPipelineCompromise,
  cardDataStored,
  certificateExpiry,
  childrenDataWithoutParentalConsent,
  cloudAuditLoggingDisabled,
  containerBreakout,
  controlPlaneExposed,
  corsMisconfiguration,
  credentialStuffing,
  crossAccountTrust,
  crossBorderTransfer,
  crossContextLinking,
  csrf,
  csvFormulaInjection,
  dataStoreExposedToInternet,
  decompressionBomb,
  deepLinkHijacking,
  defaultCredentials,
  deviceFingerprinting,
  disabledCertificateValidation,
  domXss,
  emailHeaderInjection,
  emailSpoofing,
  excessiveCollection,
  excessiveDataExposure,
  expensiveQueries,
  exposedAdminInterface,
  exposedRemoteAdministration,
  forgedRequest,
  graphqlAbuse,
  hostHeaderPoisoning,
  identifiersInUrls,
  insecureClientStorage,
  insecureDeserialization,
  insecureRandomness,
  largeUploads,
  ldapInjection,
  ledgerNotAppendOnly,
  limitOverrunRace,
  llmDataToProvider,
  llmExcessiveAgency,
  llmIndirectPromptInjection,
  llmInsecureOutputHandling,
  llmModelSupplyChain,
  llmPromptInjection,
  llmRetrievalPoisoning,
  llmSensitiveRetrieval,
  llmSystemPromptLeakage,
  llmUnboundedConsumption,
  logInjection,
  longLivedTokens,
  maliciousUpload,
  massAssignment,
  messageRelayAbuse,
  metadataEndpointSsrf,
  missingAuditLog,
  missingBackups,
  missingCertificatePinning,
  missingDdosProtection,
  missingFunctionAuthorization,
  missingSecurityHeaders,
  missingSegmentation,
  missingTimeouts,
  mobileAppTampering,
  noDeletionPath,
  noDependencyScanning,
  noKeyRotation,
  noPrivacyNotice,
  noRetentionPolicy,
  noSecurityAlerting,
  noSessionExpiry,
  noSubjectAccess,
  nosqlInjection,
  oauthRedirectUriValidation,
  oauthWithoutPkce,
  openRedirect,
  osCommandInjection,
  overPrivilegedWorkload,
  pathTraversal,
  paymentTampering,
  personalDataToAnalytics,
  plaintextCredentials,
  poisonMessage,
  preciseLocationShared,
  privilegedDataAccess,
  processorWithoutAgreement,
  prototypePollution,
  publicObjectStore,
  queueMessageInjection,
  reflectedXss,
  regexDos,
  replayableRequest,
  requestSmuggling,
  resetFlooding,
  resetTokenLeakage,
  roleClaimsEscalation,
  samlSignatureValidation,
  searchInjection,
  secretsInCode,
  secretsOutsideVault,
  secretsStoreOverexposed,
  sensitiveBusinessFlowAbuse,
  sensitiveChangeWithoutReauth,
  sensitiveDataCached,
  sensitiveDataInLogs,
  serverSideTemplateInjection,
  sessionFixation,
  sessionHijacking,
  sharedAdminAccounts,
  shortLogRetention,
  singlePointOfFailure,
  specialCategoryWithoutDpia,
  spoofedCaller,
  sqlInjection,
  ssrf,
  storedXss,
  subdomainTakeover,
  tamperableLogs,
  tenantIsolation,
  thirdPartyScriptLeakage,
  tokensInBrowserStorage,
  unauditedDataAccess,
  unauthenticatedAdmin,
  unauthenticatedInternalCall,
  unboundedRequestBodies,
  unencryptedBackups,
  unencryptedDataStore,
  unencryptedFlow,
  unpinnedBaseImage,
  unpinnedDependencies,
  unsafeApiConsumption,
  unsignedArtifacts,
  unsignedOutgoingWebhooks,
  unsignedTransaction,
  untestedRestores,
  unthrottledEndpoint,
  untrustedWriteToStore,
  unvalidatedInput,
  unverifiedJwt,
  verboseErrors,
  weakPasswordHashing,
  weakPasswordPolicy,
  websocketOriginCheck,
  xpathInjection,
  xxe,
];

/** Rule ids that were renamed: decisions keyed by an old fingerprint follow the new id. */
export const renamedRules: Readonly<Record<string, string>> = Object.freeze(Object.create(null) as Record<string, string>);
