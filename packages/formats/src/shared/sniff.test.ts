import { describe, expect, it } from 'vitest';
import { sniff } from './sniff.js';

describe('sniff', () => {
  it('lists only the top-level keys of a JSON object', () => {
    const s = sniff('{"summary": {"title": "x"}, "detail": {"diagrams": []}, "version": "2.3.0"}');
    expect(s.syntax).toBe('json');
    expect([...s.keys]).toEqual(['summary', 'detail', 'version']);
  });

  it('handles escaped quotes inside JSON strings', () => {
    expect([...sniff('{"a": "say \\"b\\": c", "d": 1}').keys]).toEqual(['a', 'd']);
  });

  it('lists column-0 keys of a YAML mapping', () => {
    const s = sniff('# comment\notmVersion: 0.2.0\nproject:\n  name: x\n"quoted key": 1\n');
    expect(s.syntax).toBe('yaml');
    expect([...s.keys]).toEqual(['otmVersion', 'project', 'quoted key']);
  });

  it('finds the XML root local name after prolog, comments and doctype', () => {
    expect(sniff('\uFEFF<?xml version="1.0"?><!-- c --><!DOCTYPE x><tm:ThreatModel xmlns:tm="u"/>').root).toBe('ThreatModel');
  });

  it('gives the first meaningful line of text', () => {
    expect(sniff('%% a comment\n\nflowchart LR\n  A --> B\n').firstLine).toBe('flowchart LR');
  });

  it('recognises empty input', () => {
    expect(sniff('  \n').syntax).toBe('empty');
  });
});
