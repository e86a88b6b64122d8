import type { FastifyRequest } from 'fastify';
import { MESSAGE_BODY_MAX } from '@portico/contracts';
import type { TSchema, Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { AppError, validation } from '../../lib/errors.js';
import { fieldErrors } from '../../plugins/errors.js';
import { filesError, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type UploadedFile } from './attachments.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * A message with optional files: JSON on its own, or multipart with the JSON in a `message`
 * field and files in `files`. Sizes are enforced while reading; types are checked by the service.
 */
export async function readMessage<S extends TSchema>(
  request: FastifyRequest,
  schema: S,
): Promise<{ data: Static<S>; files: UploadedFile[] }> {
  let raw: unknown = request.body;
  const files: UploadedFile[] = [];
  if (request.isMultipart()) {
    raw = undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (files.length >= MAX_ATTACHMENTS) throw tooMany();
          files.push({ filename: part.filename, data: await part.toBuffer() });
        } else if (part.fieldname === 'message' && typeof part.value === 'string') {
          // Past the field size the JSON is cut off: that is a message far over the limit.
          if (part.valueTruncated) throw messageTooLong();
          try {
            raw = JSON.parse(part.value);
          } catch {
            throw new AppError('malformed_json', 400, 'The message part is not valid JSON.');
          }
        }
      }
    } catch (err) {
      throw translate(err);
    }
  }
  // Said in its own words (and code), not as a JSON or schema failure: the person can act on it.
  if (isRecord(raw) && typeof raw['body'] === 'string' && raw['body'].length > MESSAGE_BODY_MAX) {
    throw messageTooLong();
  }
  const check = Compile(schema);
  if (!isRecord(raw) || !check.Check(raw)) {
    throw validation(
      isRecord(raw)
        ? fieldErrors([...check.Errors(raw)], 'body')
        : [{ field: 'message', message: 'This field is required.' }],
    );
  }
  return { data: raw as Static<S>, files };
}

const messageTooLong = () =>
  new AppError(
    'message_too_long',
    422,
    `The message is longer than ${MESSAGE_BODY_MAX.toLocaleString('en-US')} characters. Shorten it, or send it in two messages.`,
    [
      {
        field: 'body',
        message: `Keep the message to ${MESSAGE_BODY_MAX.toLocaleString('en-US')} characters or fewer.`,
      },
    ],
  );

const tooMany = () =>
  filesError('too_many_attachments', 400, `Attach at most ${MAX_ATTACHMENTS} files to one message.`);

function translate(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = isRecord(err) ? err['code'] : undefined;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return filesError(
      'attachment_too_large',
      413,
      `Each file must be ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB or smaller.`,
    );
  }
  if (code === 'FST_FILES_LIMIT') return tooMany();
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new AppError('validation_failed', 400, 'The upload could not be read. Try again.');
  }
  return err;
}
