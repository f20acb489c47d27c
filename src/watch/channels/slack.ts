/**
 * The Slack channel: one message per round to an incoming webhook (@slack/webhook), its text the subject
 * (what notifications show) and its blocks a header, the counts, and one section per alert worst first (per
 * group of alerts alike, past the cap: render.ts), capped so a storm stays one readable message. Text from the
 * inventory is escaped: a label cannot ping @channel or make a link.
 */
import type { IncomingWebhookSendArguments } from '@slack/webhook';
import type { WatchPayload } from '../payload.js';
import { channelId, ChannelError, maskUrl, type AlertChannel } from './channel.js';
import { counted } from '../../model/words.js';
import { alertEntries, changeCounts, groupTitle, parsePayload, subjectOf } from './render.js';
import { httpFailure } from './webhook.js';

type KnownBlock = NonNullable<IncomingWebhookSendArguments['blocks']>[number];

export interface SlackSettings {
  name: string;
  url: string;
}

/**
 * Alerts shown as sections, or past it groups of alerts alike; the rest are counted. Slack takes at most 50
 * blocks in a message.
 */
export const slackAlertLimit = 20;

/** Slack's mrkdwn gives &, < and > a meaning ("<!channel>", "<https://…|a link>"): escape them. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function slackMessage(payload: WatchPayload): IncomingWebhookSendArguments {
  const { round, alerts } = payload;
  const shown = alertEntries(alerts, slackAlertLimit).slice(0, slackAlertLimit);
  const left = alerts.length - shown.reduce((sum, group) => sum + group.count, 0);
  const blocks: KnownBlock[] = [
    // A header is plain text of at most 150 characters.
    { type: 'header', text: { type: 'plain_text', text: cut(subjectOf(payload), 150), emoji: false } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: slackEscape(
            `Round ${round.id}: ${changeCounts(payload)} · ${round.mode}, facts as of ${round.asOf} · ${round.scope}`,
          ),
        },
      ],
    },
    ...shown.map((group): KnownBlock => {
      const { alert } = group;
      const example = group.count > 1 ? `For ${slackEscape(group.subjects[0]!)}: ` : '';
      return {
        type: 'section',
        // A section's text is at most 3000 characters.
        text: {
          type: 'mrkdwn',
          text: cut(
            `*${alert.change.toUpperCase()}* · ${alert.severity} · *${slackEscape(groupTitle(group))}*\n${example}${slackEscape(alert.message)}`,
            3000,
          ),
        },
      };
    }),
  ];
  if (left > 0)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${counted(left)} more` }],
    });
  return { text: slackEscape(subjectOf(payload)), blocks, unfurl_links: false, unfurl_media: false };
}

export function slackChannel(settings: SlackSettings): AlertChannel {
  return {
    kind: 'slack',
    name: settings.name,
    id: channelId('slack', settings.name),
    description: `slack ${maskUrl(settings.url)}`,
    send: async (stored, _deliveryId, timeoutMs) => {
      const message = slackMessage(parsePayload(stored));
      // Loaded when a message is posted: a watch with other channels starts without it.
      const slack = await import('@slack/webhook');
      // One attempt: the round retries, with the same waits as every channel's.
      const webhook = new slack.IncomingWebhook(settings.url, {
        timeout: timeoutMs,
        retryConfig: { retries: 0 },
      });
      try {
        await webhook.send(message);
      } catch (error) {
        throw new ChannelError(slackFailure(slack, error, timeoutMs));
      }
    },
  };
}

/** The status and Slack's one-word reason ("no_service"), or the network's; never the URL. */
function slackFailure(slack: typeof import('@slack/webhook'), error: unknown, timeoutMs: number): string {
  if (error instanceof slack.IncomingWebhookHTTPError) {
    const reason = /^[a-z_]{1,40}$/.test(error.body.trim()) ? `: ${error.body.trim()}` : '';
    return `Slack answered HTTP ${error.statusCode}${reason}`;
  }
  if (error instanceof slack.IncomingWebhookRequestError) return httpFailure(error.original, timeoutMs);
  return httpFailure(error, timeoutMs);
}
