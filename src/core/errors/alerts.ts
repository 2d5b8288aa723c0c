import { defineErrors } from './define.js';

/** Errors of alert management in the events context: notification channels kept per account. */
export const alertsErrors = defineErrors({
  'Events.ChannelNotFound': { status: 404, message: 'Notification channel "{channel}" does not exist.' },
  'Events.ChannelExists': { status: 409, message: 'A notification channel named "{channel}" already exists.', recommend: 'Choose another name or edit the existing channel.' },
});
