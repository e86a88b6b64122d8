import { describe, expect, it } from 'vitest';
import { htmlFromText } from './html.js';

describe('the HTML part of an email', () => {
  it('says the same as the text, in paragraphs, with links and the language and direction', () => {
    const html = htmlFromText(
      'لديك رسالة جديدة في Portico.\n\nسجِّل الدخول لقراءتها: https://portico.example/messages/1.\nشكرًا',
      'ar',
      'rtl',
    );
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('<p>لديك رسالة جديدة في Portico.</p>');
    expect(html).toContain(
      '<p>سجِّل الدخول لقراءتها: <a href="https://portico.example/messages/1">https://portico.example/messages/1</a>.<br>شكرًا</p>',
    );
  });

  it('escapes what could be markup', () => {
    const html = htmlFromText('Your registration with <b>"A&B"</b> is complete.', 'en', 'ltr');
    expect(html).toContain('<p>Your registration with &lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; is complete.</p>');
    expect(html).not.toContain('<b>');
  });
});
