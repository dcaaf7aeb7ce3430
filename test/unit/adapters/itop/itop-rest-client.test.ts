/** The iTop REST endpoint built from --url, and how it is shown (never with credentials). */
import { restEndpoint, shownEndpoint } from '../../../../src/adapters/itop/itop-rest-client';

describe('the REST endpoint', () => {
  it('appends webservices/rest.php and version 1.3 to the root, keeps a given rest.php', () => {
    expect(restEndpoint('https://itop.example.com/')).toBe('https://itop.example.com/webservices/rest.php?version=1.3');
    expect(restEndpoint('https://h/itop/webservices/rest.php')).toBe('https://h/itop/webservices/rest.php?version=1.3');
  });
  it('never shows user:password@ of a URL', () => {
    expect(shownEndpoint('https://u:secret@h/itop')).toBe('https://h/itop/webservices/rest.php');
  });
});
