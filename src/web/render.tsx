import type { FastifyReply } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/**
 * Server-rendered pages: Preact components to HTML. Preact escapes every text child and attribute,
 * so user input is never HTML; `dangerouslySetInnerHTML` is banned by lint.
 */
export function renderPage(node: VNode): string {
  return `<!doctype html>${renderToString(node)}`;
}

export function sendPage(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderPage(node));
}

export type Children = ComponentChildren;
