// /en/data/releases.atom: the Atom feed of data releases in English (src/lib/releases-feed.ts).
import type { APIRoute } from 'astro';
import { releasesFeed } from '../../../lib/releases-feed';

export const GET: APIRoute = ({ site }) => new Response(releasesFeed('en', site), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
