import { defineRule } from '../../engine/define-rule.js';

export const rule = defineRule({
  id: 'broken-object-authorization',
  meta: {
    title: 'Acting on another user\'s objects (IDOR / BOLA)',
    category: 'elevation-of-privilege',
    appliesTo: ['process', 'api', 'flow'],
    description:
      'A signed-in caller names objects by id in requests (an account to pay from, an order, a document). If the service checks only that the caller is signed in, not that the object is theirs, changing the id in the request reads or acts on someone else\'s object: paying from another customer\'s account, downloading their documents.',
    references: { cwe: [639, 862], capec: [122], owasp: ['A01:2025', 'API1:2023'], asvs: ['V8'] },
    defaults: { likelihood: 4, impact: 5 },
    mitigations: [
      {
        title: 'Check ownership or permission for every object id in every request, in one place',
        acceptance: 'Every handler loads objects through an access-checked repository that filters by the caller\'s identity; a request naming an object the caller may not use gets 404.',
        verification: 'An automated test runs every endpoint as user A with the ids of user B\'s objects and expects 403/404 and no side effects.',
      },
    ],
    falsePositives: ['Endpoints that take no object ids from the caller (the object is derived from the token): state `object_level_authorization: true`.'],
    properties: ['object_level_authorization', 'authorized'],
  },
  messages: {
    default: 'A signed-in caller of {{element}} can act on objects that belong to someone else by changing an id in the request.',
  },
  check(ctx) {
    for (const c of ctx.components) {
      if (c.kind !== 'process' || !c.reachable) continue;
      const stated = ctx.property(c, 'object_level_authorization');
      const unauthorized = c.in.find((f) => f.flow.authorized === false && f.flow.authenticated !== false);
      if (stated?.value === true) continue;
      if (stated?.value !== false && !unauthorized) continue;
      ctx.report({ element: c, messageId: 'default', facts: [stated, unauthorized ? ctx.property(unauthorized, 'authorized') : undefined, ctx.reach(c), ctx.sensitiveData(c, 2)] });
    }
  },
});
