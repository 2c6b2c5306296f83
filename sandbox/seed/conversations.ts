/**
 * What the demo's customers and agents say to each other, and what simulated customers answer.
 */
export const customerOpeners = [
  'Hi, where is my order #{order}?',
  'Hello! Do you have the Runner sneaker in size 42?',
  'Can I change the delivery address for order {order}?',
  'My package arrived damaged 😞',
  'Is the store open on Sunday?',
  'I was charged twice for order {order}',
  'Do you ship to {city}?',
  'How do I return an item?',
  'Hi! Any discounts this week?',
  'The tracking link does not work',
  'Can I pick up my order in the store?',
  'Thanks for the quick delivery!',
];

export const agentAnswers = [
  'Hi {first}! Let me check that for you.',
  'Thanks for reaching out, {first}. One moment please.',
  'Your order {order} left our warehouse yesterday and should arrive within 2 days.',
  'I have updated the address. You will get a confirmation shortly.',
  'Sorry to hear that! Could you send us a photo of the package?',
  'We are open 10:00-18:00 on Sundays.',
  'I can see the double charge; the refund is on its way (3-5 business days).',
  'Yes, we ship there. Delivery takes 3-4 days.',
  'You can return any item within 30 days: reply RETURN and we will send a label.',
  'This week the whole sneaker range is 20% off with code SPRING20.',
  'Here is a fresh tracking link: {{link:146746}}',
  'Of course! Your order will be ready for pickup tomorrow after 12:00.',
];

export const customerReplies = [
  'Thank you!',
  'Great, thanks a lot 🙏',
  'Perfect',
  'OK, I will wait',
  'Can you also check order {order}?',
  'That did not help, can I talk to someone?',
  'Sent you a photo',
  'Got it 👍',
  'When exactly?',
  'Awesome, have a nice day!',
];

export const botGreetings = [
  "Hi! I'm the Acme assistant. Type ORDER to track an order or HELP for help.",
  'Thanks for your message! An agent will answer within a few minutes.',
];

export const broadcasts = [
  'Spring sale: 20% off all sneakers until Sunday. Shop now: {{link:146746}}',
  'Your favourite store has new arrivals! Reply STOP to opt out.',
];

export const cities = ['Lisbon', 'Toronto', 'Warsaw', 'Dublin', 'Austin', 'Lyon', 'Kraków', 'Porto'];

export function fill(template: string, values: { first: string; order: string; city: string }): string {
  return template.replace('{first}', values.first).replace('{order}', values.order).replace('{city}', values.city);
}
