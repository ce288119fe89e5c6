/** Risk: scoring methods, residual risk, responses, attack trees, metrics and the gate. */
export { BANDS, BAND_CHOICES, BAND_PRIORITY, UNRATED, atOrAbove, bandLabel, bandName, bandOfPriority, bandRank, bandSummary, isBand, parseBand, type Band, type Priority } from './bands.js';
export { DEFAULT_MATRIX, DEFAULT_RISK_SETTINGS, resolveRiskSettings, type MatrixTable, type ResolvedRiskSettings } from './settings.js';
export { bandOfCvss, bandOfProduct, levelOf, owaspLevel, scoreCvss, scoreLikelihoodImpact, scoreMatrix, scoreOwasp, type Score, type ScoreResult } from './methods.js';
export { NO_REDUCTION, scoreRisk, type Reduction, type RiskScores, type ScoringInput } from './score.js';
export { assess, daysBetween, type Acceptance, type AssessedMitigation, type AssessedThreat, type Assessment, type AssessOptions, type Disposition, type RiskMetrics } from './assess.js';
export { analyzeAttackTree, analyzeAttackTrees, type AttackPath, type AttackTreeResult, type GoalStatus, type LeafInfo } from './attack-trees.js';
export { evaluateGate, type GateBaseline, type GateItem, type GateItemKind, type GateOptions, type GateResult, type GateUnrated, type UnratedPolicy } from './gate.js';
export { compareRisk, rankableOf, type Rankable } from './rank.js';
export { bandCountsText, postureOf, ratingText, standingOf, type BandCounts, type RatingInput, type Posture, type PostureInput, type Standing, type StandingInput } from './posture.js';
export { adoptSuggestions, type Adopted, type AdoptOptions, type AdoptResult, type AdoptSource } from './adopt.js';
