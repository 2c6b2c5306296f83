/**
 * Who the demo's customers are: countries with plausible mobile numbers and local names.
 */
import type { Random } from '../random';

interface Locale {
  country: string;
  weight: number;
  /** Produces a mobile number in international digits. */
  phone: (random: Random) => string;
  firstNames: string[];
  lastNames: string[];
}

/** A mobile prefix with a random tail. */
function tail(prefix: string, length: number): (random: Random) => string {
  return (random) => `${prefix}${random.digits(length)}`;
}

const usAreaCodes = ['201', '212', '305', '312', '415', '512', '617', '646', '702', '718', '917', '206', '404', '713'];

export const locales: Locale[] = [
  {
    country: 'US',
    weight: 28,
    phone: (random) => `1${random.pick(usAreaCodes)}${random.int(2, 9)}${random.int(2, 9)}${random.int(0, 9)}${random.digits(4)}`,
    firstNames: ['James', 'Mary', 'Robert', 'Patricia', 'Michael', 'Jennifer', 'David', 'Linda', 'Emily', 'Daniel', 'Ashley', 'Chris', 'Jessica', 'Brian'],
    lastNames: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Moore', 'Clark'],
  },
  {
    country: 'GB',
    weight: 12,
    phone: (random) => `447${random.pick(['40', '41', '42', '43', '44', '47', '48', '49'])}${random.digits(7)}`,
    firstNames: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Ava', 'Jack', 'Mia', 'Charlie', 'Grace', 'Thomas', 'Sophie'],
    lastNames: ['Jones', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood'],
  },
  {
    country: 'DE',
    weight: 9,
    phone: tail('49151', 8),
    firstNames: ['Lukas', 'Anna', 'Leon', 'Lena', 'Finn', 'Mia', 'Jonas', 'Laura', 'Felix', 'Hannah', 'Paul', 'Lea'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schulz'],
  },
  {
    country: 'FR',
    weight: 7,
    phone: (random) => `336${random.pick(['1', '2', '4', '5', '6', '7'])}${random.digits(7)}`,
    firstNames: ['Louis', 'Emma', 'Gabriel', 'Jade', 'Arthur', 'Louise', 'Jules', 'Alice', 'Hugo', 'Chloé', 'Léo', 'Camille'],
    lastNames: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau'],
  },
  {
    country: 'ES',
    weight: 6,
    phone: tail('346', 8),
    firstNames: ['Hugo', 'Lucía', 'Mateo', 'Sofía', 'Martín', 'Martina', 'Pablo', 'María', 'Álvaro', 'Paula'],
    lastNames: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez'],
  },
  {
    country: 'BR',
    weight: 8,
    phone: (random) => `55${random.pick(['11', '21', '31', '41', '51', '61', '71', '81'])}9${random.int(6, 9)}${random.digits(7)}`,
    firstNames: ['Miguel', 'Helena', 'Arthur', 'Alice', 'Heitor', 'Laura', 'Bernardo', 'Manuela', 'Davi', 'Valentina'],
    lastNames: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes'],
  },
  {
    country: 'IN',
    weight: 7,
    phone: (random) => `91${random.int(7, 9)}${random.digits(9)}`,
    firstNames: ['Aarav', 'Saanvi', 'Vivaan', 'Ananya', 'Aditya', 'Diya', 'Arjun', 'Isha', 'Rohan', 'Priya'],
    lastNames: ['Sharma', 'Patel', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Nair', 'Mehta', 'Rao'],
  },
  {
    country: 'MX',
    weight: 5,
    phone: (random) => {
      const area = random.pick(['55', '33', '81', '222']);
      return `52${area}${random.digits(10 - area.length)}`;
    },
    firstNames: ['Santiago', 'Valeria', 'Sebastián', 'Regina', 'Diego', 'Ximena', 'Emiliano', 'Camila', 'Leonardo', 'Renata'],
    lastNames: ['Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Flores'],
  },
  {
    country: 'IL',
    weight: 4,
    phone: (random) => `9725${random.pick(['0', '2', '3', '4'])}${random.int(2, 9)}${random.digits(6)}`,
    firstNames: ['Noam', 'Tamar', 'Itai', 'Noa', 'Yonatan', 'Maya', 'Omer', 'Shira', 'Eitan', 'Yael'],
    lastNames: ['Cohen', 'Levi', 'Mizrahi', 'Peretz', 'Biton', 'Friedman', 'Katz', 'Azulay', 'Shapiro', 'Ben-David'],
  },
  {
    country: 'UA',
    weight: 5,
    phone: (random) => `380${random.pick(['50', '63', '66', '67', '68', '73', '93', '95', '96', '97', '98', '99'])}${random.digits(7)}`,
    firstNames: ['Oleksandr', 'Olena', 'Andrii', 'Iryna', 'Dmytro', 'Kateryna', 'Maksym', 'Natalia', 'Serhii', 'Yulia'],
    lastNames: ['Melnyk', 'Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Oliinyk', 'Boiko', 'Koval'],
  },
  {
    country: 'NL',
    weight: 4,
    phone: (random) => `316${random.int(1, 5)}${random.digits(7)}`,
    firstNames: ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Tess', 'Levi', 'Sophie', 'Finn', 'Anna'],
    lastNames: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer'],
  },
  {
    country: 'AU',
    weight: 4,
    phone: (random) => `614${random.pick(['0', '1', '2', '3'])}${random.digits(7)}`,
    firstNames: ['Jack', 'Charlotte', 'William', 'Olivia', 'Noah', 'Ava', 'Thomas', 'Chloe', 'Lachlan', 'Zoe'],
    lastNames: ['Smith', 'Jones', 'Williams', 'Brown', 'Wilson', 'Taylor', 'Nguyen', 'Kelly', 'Martin', 'White'],
  },
];

export function pickLocale(random: Random): Locale {
  return random.weighted(locales.map((locale) => [locale, locale.weight] as const));
}

export function personName(random: Random, locale: Locale): string {
  return `${random.pick(locale.firstNames)} ${random.pick(locale.lastNames)}`;
}
