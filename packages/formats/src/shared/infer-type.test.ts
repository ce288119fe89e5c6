import { describe, expect, it } from 'vitest';
import { builtinTaxonomy } from '@threatwright/core';
import { inferType, normalizeWords } from './infer-type.js';

const type = (kind: Parameters<typeof inferType>[0], name: string, description?: string) => inferType(kind, name, description)?.type;

describe('inferType', () => {
  it('names the type a plain name says, for the kind it is drawn as', () => {
    expect(type('datastore', 'MySQL database')).toBe('mysql');
    expect(type('datastore', 'Database')).toBe('database');
    expect(type('process', 'PostgresSQL')).toBe('postgres');
    expect(type('process', 'Cloud API')).toBe('api');
    expect(type('process', 'REST API')).toBe('api');
    expect(type('external-entity', 'Partner REST API')).toBe('third-party-api');
    expect(type('process', 'Web\nApplication')).toBe('web-app');
    expect(type('process', 'Web Service')).toBe('api');
    expect(type('external-entity', 'Browser')).toBe('browser');
    expect(type('external-entity', "User's web browser")).toBe('browser');
    expect(type('process', 'Mobile app')).toBe('mobile-app');
    expect(type('process', 'iOS App')).toBe('mobile-app');
    expect(type('process', 'Desktop client')).toBe('desktop-app');
    expect(type('datastore', 'Logs')).toBe('logs');
    expect(type('datastore', 'Log store')).toBe('logs');
    expect(type('datastore', 'Message Queue')).toBe('queue');
    expect(type('datastore', 'Kafka')).toBe('kafka');
    expect(type('datastore', 'Redis cache')).toBe('redis');
    expect(type('datastore', 'S3 bucket')).toBe('s3');
    expect(type('datastore', 'Uploads bucket')).toBe('object-store');
    expect(type('external-entity', 'Identity provider')).toBe('identity-provider');
    expect(type('process', 'Auth service')).toBe('auth-service');
    expect(type('external-entity', 'Stripe')).toBe('payment-provider');
    expect(type('external-entity', 'Payment gateway')).toBe('payment-gateway');
    expect(type('process', 'Payment service')).toBe('payment-service');
    expect(type('external-entity', 'Email provider')).toBe('email-provider');
    expect(type('process', 'SMTP server')).toBe('email-service');
    expect(type('process', 'Background\nWorker Process')).toBe('worker');
    expect(type('datastore', 'Worker Config')).toBe('config-store');
    expect(type('process', 'Web application firewall')).toBe('waf');
    expect(type('process', 'Admin panel')).toBe('admin-console');
    expect(type('external-entity', 'Customer')).toBe('customer');
    expect(type('external-entity', 'Database admin')).toBe('admin');
    expect(type('datastore', 'Redis cache cluster (primary)')).toBe('redis');
    expect(type('process', 'CI/CD')).toBe('ci-pipeline');
    expect(type('datastore', 'Audit log')).toBe('logs');
  });

  it('gives every guess as a built-in type', () => {
    const names = ['MySQL database', 'Cloud API', 'Browser', 'Kafka', 'S3 bucket', 'Identity provider', 'Stripe', 'Log store', 'Worker Config'];
    for (const kind of ['process', 'datastore', 'external-entity'] as const) {
      for (const name of names) {
        const t = type(kind, name);
        if (t) expect(builtinTaxonomy().type(t), `${kind} ${name} → ${t}`).toBeDefined();
      }
    }
  });

  it('makes no guess when the name is about the thing, names a person, or names something the kind cannot be', () => {
    expect(type('external-entity', 'Database admin')).not.toBe('database');
    expect(type('process', 'Database admin')).toBeUndefined();
    expect(type('process', 'Browser extension')).toBeUndefined();
    expect(type('external-entity', 'Browser extension')).toBeUndefined();
    expect(type('datastore', 'Database credentials')).toBeUndefined();
    expect(type('process', 'Queue consumer')).toBeUndefined();
    expect(type('process', 'Mobile backend')).toBeUndefined();
    expect(type('datastore', 'Web Application')).toBeUndefined();
    expect(type('external-entity', 'MySQL database')).toBeUndefined();
    expect(type('process', 'Customer')).toBeUndefined();
  });

  it('matches whole words only', () => {
    expect(type('datastore', 'dbus socket')).toBeUndefined();
    expect(type('process', 'Rapid ingest')).toBeUndefined();
    expect(type('process', 'Capital')).toBeUndefined();
    expect(type('external-entity', 'Browsery')).toBeUndefined();
    expect(type('process', 'Weblogic')).toBeUndefined();
    expect(type('datastore', 'Catalogs')).toBeUndefined();
    expect(type('external-entity', 'Useragent')).toBeUndefined();
  });

  it('reads a description only when the name says nothing, and only when it names one family', () => {
    expect(inferType('datastore', 'Orders', 'The MySQL database holding orders')).toEqual({ type: 'mysql', matched: 'mysql, database', from: 'description' });
    expect(type('datastore', 'Orders', 'Orders, cached in Redis for the web application')).toBeUndefined();
    expect(type('datastore', 'Store', 'Holds the database credentials')).toBeUndefined();
    expect(type('datastore', 'Database admin', 'A MySQL database')).toBeUndefined();
    expect(type('process', 'Process', '')).toBeUndefined();
    expect(type('process', '', undefined)).toBeUndefined();
  });

  it('stays linear on long hostile text', () => {
    const long = `${'api '.repeat(100_000)}zzz`;
    const started = Date.now();
    // Only the start of a text is read: here, api after api.
    expect(type('process', long)).toBe('api');
    expect(type('process', 'x', long)).toBe('api');
    expect(type('process', 'a'.repeat(1_000_000))).toBeUndefined();
    expect(type('process', '__proto__ constructor')).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(normalizeWords('Web\u202eApp\u0000(v2)')).toBe('web app v2');
  });
});
