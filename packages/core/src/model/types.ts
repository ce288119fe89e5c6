/** Types inferred from the schema: never written by hand beside it. */
import type { z } from 'zod';
import type * as S from './schema.js';

export type Model = z.infer<typeof S.ModelSchema>;
export type ModelFragment = z.infer<typeof S.FragmentSchema>;
export type SystemInfo = z.infer<typeof S.SystemSchema>;
export type Component = z.infer<typeof S.ComponentSchema>;
export type Asset = z.infer<typeof S.AssetSchema>;
export type Flow = z.infer<typeof S.FlowSchema>;
export type Boundary = z.infer<typeof S.BoundarySchema>;
export type Dependency = z.infer<typeof S.DependencySchema>;
export type Stakeholder = z.infer<typeof S.StakeholderSchema>;
export type Assumption = z.infer<typeof S.AssumptionSchema>;
export type ThreatEntry = z.infer<typeof S.ThreatSchema>;
export type Mitigation = z.infer<typeof S.MitigationSchema>;
export type AttackTree = z.infer<typeof S.AttackTreeSchema>;
export type AttackTreeNode = S.AttackTreeNodeInput;
export type ComponentKind = z.infer<typeof S.ComponentKindSchema>;
export type ThreatCategory = z.infer<typeof S.ThreatCategorySchema>;
export type StrideCategory = z.infer<typeof S.StrideCategorySchema>;
export type LinddunCategory = z.infer<typeof S.LinddunCategorySchema>;
export type ThreatStatus = z.infer<typeof S.ThreatStatusSchema>;
export type MitigationStatus = z.infer<typeof S.MitigationStatusSchema>;
export type Level = z.infer<typeof S.LevelSchema>;
export type Classification = z.infer<typeof S.ClassificationSchema>;
export type RiskSettings = z.infer<typeof S.RiskSettingsSchema>;
export type RiskMethod = z.infer<typeof S.RiskMethodSchema>;
export type OwaspFactors = z.infer<typeof S.OwaspFactorsSchema>;
