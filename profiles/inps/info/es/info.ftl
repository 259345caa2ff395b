### Mensajes informativos (R-INFO-1, R-INFO-2), español. Traducidos del texto italiano.
### Datos de DOMAIN §6, a principios de 2026. Los importes cambian cada año: revisar en enero.

# R-INFO-1
info-intro = Antes de pasarle con un agente, le damos alguna información útil.

# R-INFO-1
info-bonus-asilo-nido =
    El bono guardería, bonus asilo nido, ayuda a pagar la cuota de una guardería pública o privada,
    o la atención en casa de niños menores de 3 años con una enfermedad crónica grave.
    Se paga en un máximo de 11 cuotas mensuales.
    El importe depende del ISEE y de la fecha de nacimiento del niño: con las reglas de 2025,
    para los niños nacidos desde 2024 y con un ISEE de hasta 40.000 euros, llega a 3600 euros al año.
    La solicitud se presenta en línea en la web del INPS, inps punto it, adjuntando los recibos de pago.

# R-INFO-1
info-pin-credentials =
    Para los servicios en línea del INPS necesita una identidad digital: SPID,
    el documento de identidad electrónico, CIE, o la tarjeta nacional de servicios, CNS.
    Para los servicios por teléfono puede usar el PIN telefónico: entre en su área personal MyINPS
    con su identidad digital y elija la función PIN telefonico.
    Usted elige su validez: un día, una semana, un mes o 3 meses.
    Si genera un PIN nuevo, el anterior deja de ser válido.

# R-INFO-1
info-digital-identity-delegation =
    Quien no puede usar los servicios en línea puede delegar en una persona de confianza,
    que actuará en su nombre con su propio SPID, CIE o CNS.
    La delegación se registra en cualquier oficina del INPS con el formulario AA08 y la copia de un documento de identidad,
    o en línea en MyINPS, en el apartado Deleghe identità digitali.
    Las personas encamadas u hospitalizadas usan el formulario AA09;
    tutores, curadores, administradores de apoyo y padres usan el formulario AA10.
    Solo se puede tener un delegado, y la delegación se puede revocar en cualquier momento.

# R-INFO-1
info-disability-card =
    La tarjeta europea de discapacidad es gratuita y acredita la discapacidad
    para obtener servicios gratuitos o con descuento, como transporte, cultura y ocio,
    en Italia y en los países europeos que participan.
    Pueden obtenerla, entre otros, las personas con una invalidez civil de al menos el 67 %, los menores con invalidez
    y quienes reciben el subsidio de acompañamiento.
    Se solicita en línea en la web del INPS, inps punto it, con una fotografía,
    o a través de las asociaciones autorizadas.
    Llega a casa por correo y es válida mientras dure la situación, como máximo 10 años.

# R-INFO-1
info-auu =
    La asignación única y universal, assegno unico e universale, es una ayuda mensual por cada hijo a cargo,
    desde el séptimo mes de embarazo hasta los 21 años, y sin límite de edad para los hijos con discapacidad.
    No hace falta tener trabajo, y el importe depende del ISEE.
    La solicitud se hace una sola vez: en línea, a través de un patronato o en este número con el PIN telefónico,
    y después continúa sola en los años siguientes.
    Recuerde renovar el ISEE cada año, en enero o febrero, y actualizar la solicitud
    si algo cambia, por ejemplo un nacimiento o un nuevo IBAN.

# R-INFO-1
info-pension-video-guide =
    Cuando se concede la pensión, el INPS envía a los nuevos pensionistas un SMS o un correo electrónico
    con el enlace a una videoguía personalizada e interactiva.
    La guía explica con palabras sencillas su pensión: cómo se ha calculado, el importe,
    los impuestos, la nómina mensual de la pensión y los servicios en línea útiles.
    Si ha perdido el enlace, encontrará la videoguía en su área personal MyINPS o en la app IO.

# R-INFO-1
info-degree-redemption =
    El rescate bonificado de la carrera, riscatto agevolato della laurea, permite que los años de universidad
    cuenten para la pensión, por la duración oficial de los estudios, para los años desde 1996.
    Puede solicitarlo incluso quien no ha trabajado nunca, a cualquier edad.
    El coste es fijo por cada año: en 2025 era de 6123,15 euros.
    Se puede pagar de una vez o en hasta 120 cuotas mensuales sin intereses, y es deducible en los impuestos.
    La solicitud se presenta en línea en la web del INPS, inps punto it.

# R-INFO-1
info-sickness-benefit =
    La prestación por enfermedad corresponde a muchos trabajadores por cuenta ajena del sector privado,
    como obreros, empleados del comercio y de los servicios, aprendices y trabajadores agrícolas;
    no corresponde a los empleados de hogar, a los empleados administrativos de la industria ni a los autónomos.
    El médico envía el certificado al INPS por vía telemática.
    Se paga desde el cuarto día: el 50 % del salario medio diario hasta el día vigésimo,
    y el 66,66 % desde el vigésimo primero, durante 180 días al año como máximo; normalmente la adelanta la empresa.
    Durante la enfermedad debe estar localizable en casa en el horario de las visitas de control.

# R-INFO-1
info-io-domestic-due-dates =
    Si tiene contratada a una persona para el hogar, como una asistenta, una cuidadora o una canguro,
    la app IO puede recordarle cada vencimiento de las cotizaciones, y puede pagar directamente en la app.
    Las cotizaciones se pagan cada 3 meses, en los primeros 10 días de abril, julio, octubre y enero.
    Para recibir los avisos, entre en la app IO con SPID o CIE, abra los servicios del INPS
    y compruebe que los mensajes están activados; además, debe haber elegido recibir
    los avisos de pago pagoPA del trabajo doméstico.

# R-INFO-1
info-io-linea-progress =
    Si ha enviado una solicitud al INPS por Linea INPS o INPS Risponde,
    la app IO le avisa de cada avance de su tramitación.
    Para recibir los avisos, entre en la app IO con SPID o CIE, abra los servicios del INPS
    y compruebe que los mensajes están activados.
    También puede consultar el estado de la solicitud con los servicios automáticos de este número,
    con su código fiscal y el número de la solicitud.

# R-INFO-1
info-adi =
    La asignación de inclusión, assegno di inclusione, es una ayuda contra la pobreza para los hogares
    con una persona con discapacidad, un menor, una persona de 60 años o más,
    o una persona en situación de desventaja atendida por los servicios sociales.
    Hace falta un ISEE bajo: en 2025, hasta 10.140 euros.
    Se cobra en la tarjeta ADI durante 18 meses, renovables por periodos de 12 meses;
    desde 2026, al renovarla, el primer mes se paga al 50 %.
    La solicitud se presenta en línea, a través de un patronato o de un CAF;
    después se firma el pacto de activación en la plataforma SIISL.

# R-INFO-1
info-sfl =
    El apoyo para la formación y el trabajo, supporto per la formazione e il lavoro, es para personas de 18 a 59 años
    en hogares con un ISEE bajo, de hasta 10.140 euros en 2025,
    que participan en cursos de formación o en proyectos de empleo.
    Son 500 euros al mes mientras dura el proyecto, como máximo 12 meses,
    con una posible prórroga si el curso aún no ha terminado.
    No corresponde a quien ha dimitido voluntariamente en los 12 meses anteriores.
    La solicitud se presenta en línea en la web del INPS, inps punto it,
    y después se firma el pacto de activación en la plataforma SIISL.

# R-INFO-1
info-pin-intermediaries =
    También las empresas y los intermediarios, como gestorías laborales, CAF y patronatos,
    acceden a los servicios en línea del INPS solo con una identidad digital personal: SPID, CIE o CNS.
    El antiguo PIN del INPS ya no se puede usar.
    Cada persona que actúa para una empresa o un intermediario entra con sus propias credenciales
    y debe estar habilitada para ese papel.
    Los servicios están en la web del INPS, inps punto it; sobre las habilitaciones, el agente puede orientarle.

# R-INFO-2
menu-naspi =
    Naspi, la prestación por desempleo.
    Para los requisitos, pulse 1. Para saber cómo solicitarla, pulse 2.
    Para la duración y el inicio, pulse 3. Para el importe, pulse 4.
    Para hablar con un agente, pulse 9.

# R-INFO-2
detail-naspi-requirements =
    La Naspi corresponde a los trabajadores por cuenta ajena que pierden su empleo sin quererlo,
    también por dimisión con justa causa; incluye a aprendices, socios de cooperativas
    y empleados públicos con contrato temporal.
    Se necesitan al menos 13 semanas de cotización en los 4 años anteriores al desempleo.
    Quien dimitió voluntariamente de otro empleo en los 12 meses anteriores
    debe haber cotizado las 13 semanas en el nuevo empleo.
    No corresponde a los empleados públicos fijos, a los obreros agrícolas
    ni a quien ya cumple los requisitos para la pensión.

# R-INFO-2
detail-naspi-how-to-apply =
    La Naspi se solicita en línea en la web del INPS, inps punto it,
    con SPID, CIE o CNS, o a través de un patronato.
    Hay que presentar la solicitud en los 68 días siguientes al fin de la relación laboral.

# R-INFO-2
detail-naspi-duration =
    La Naspi dura la mitad de las semanas cotizadas en los últimos 4 años, como máximo 24 meses.
    Se cobra desde el octavo día después del fin del trabajo,
    o desde el día siguiente a la solicitud, si se presenta más tarde.

# R-INFO-2
detail-naspi-amount =
    La Naspi es el 75 % del salario medio mensual hasta 1456,72 euros,
    más el 25 % de la parte que supera esa cifra; son los valores de 2026.
    No puede superar 1584,70 euros brutos al mes.
    Desde el sexto mes se reduce un 3 % cada mes, o desde el octavo mes si tiene 55 años o más.

# R-INFO-2
menu-auu =
    Asignación única y universal por hijos, assegno unico.
    Para los requisitos, pulse 1. Para saber cómo solicitarla, pulse 2.
    Para la duración y el inicio, pulse 3. Para el importe, pulse 4.
    Para hablar con un agente, pulse 9.

# R-INFO-2
detail-auu-requirements =
    El assegno unico corresponde por cada hijo a cargo, desde el séptimo mes de embarazo hasta los 18 años.
    Entre los 18 y los 21 años corresponde si el hijo estudia, se forma, trabaja con ingresos bajos,
    busca empleo o hace el servicio civil.
    Para los hijos con discapacidad no hay límite de edad.
    No hace falta tener trabajo.

# R-INFO-2
detail-auu-how-to-apply =
    El assegno unico se solicita una sola vez: en línea en la web del INPS, inps punto it,
    a través de un patronato, o en este número con el PIN telefónico.
    Una solicitud aceptada continúa sola en los años siguientes; hay que actualizarla si algo cambia,
    por ejemplo un nacimiento, una discapacidad, un nuevo IBAN o un hijo que cumple 18 años.

# R-INFO-2
detail-auu-duration =
    El assegno unico se paga cada mes, desde el séptimo mes de embarazo hasta que el hijo cumple 21 años,
    sin límite de edad para los hijos con discapacidad.
    El ISEE se renueva cada año, en enero o febrero:
    si lo presenta antes de que termine junio, recibe también los atrasos desde marzo.

# R-INFO-2
detail-auu-amount =
    El importe depende del ISEE. En 2026, con un ISEE de hasta 17.468,51 euros,
    corresponden 203,80 euros al mes por cada hijo menor de edad;
    con un ISEE de 46.582,71 euros o más, o sin ISEE, 58,30 euros.
    Para los hijos de 18 a 21 años, entre 99,10 y 29,10 euros.
    Hay incrementos para los hijos menores de 1 año, las familias numerosas, los hijos con discapacidad
    y cuando trabajan los dos progenitores.

# R-INFO-2
menu-maternity-paternity =
    Permiso de maternidad y permiso de paternidad.
    Para los requisitos, pulse 1. Para saber cómo solicitarlo, pulse 2.
    Para la duración y el inicio, pulse 3. Para el importe, pulse 4.
    Para hablar con un agente, pulse 9.

# R-INFO-2
detail-maternity-paternity-requirements =
    El permiso de maternidad corresponde a las trabajadoras por cuenta ajena, y también a las autónomas,
    a las inscritas en la Gestione separata y a las desempleadas en los 60 días siguientes al fin de su último trabajo.
    El permiso de paternidad obligatorio corresponde a los padres trabajadores por cuenta ajena,
    del sector público y privado, incluidos los empleados de hogar.

# R-INFO-2
detail-maternity-paternity-how-to-apply =
    Para la maternidad, la solicitud se presenta en línea antes de que empiece el permiso,
    y como muy tarde un año después de que termine, indicando el número de protocolo
    del certificado electrónico de embarazo; el nacimiento se comunica en un plazo de 30 días.
    Para la paternidad, el padre avisa a la empresa con al menos 5 días de antelación,
    y solo presenta solicitud al INPS si es el INPS quien le paga directamente.
    Las solicitudes se hacen en la web del INPS, inps punto it, con SPID, CIE o CNS.

# R-INFO-2
detail-maternity-paternity-duration =
    El permiso de maternidad dura 5 meses: normalmente 2 meses antes de la fecha prevista del parto y 3 después;
    con el visto bueno del médico, 1 mes antes y 4 después, o los 5 después del parto.
    El permiso de paternidad dura 10 días laborables, 20 en caso de parto múltiple,
    y se toma entre 2 meses antes y 5 meses después del nacimiento, también en días sueltos
    y también durante el permiso de la madre.

# R-INFO-2
detail-maternity-paternity-amount =
    Para las trabajadoras por cuenta ajena, el permiso de maternidad se paga al 80 % del salario medio diario;
    normalmente lo adelanta la empresa, mientras que para las empleadas de hogar y en algunos otros casos paga directamente el INPS.
    El permiso de paternidad se paga al 100 % del salario.

# R-INFO-2
menu-parental-leave =
    Permiso parental.
    Para los requisitos, pulse 1. Para saber cómo solicitarlo, pulse 2.
    Para la duración y el inicio, pulse 3. Para el importe, pulse 4.
    Para hablar con un agente, pulse 9.

# R-INFO-2
detail-parental-leave-requirements =
    El permiso parental, congedo parentale, es un periodo voluntario de ausencia del trabajo
    para los padres y madres trabajadores por cuenta ajena.
    Cada progenitor tiene derecho a 3 meses que no puede ceder al otro.
    Desde 2026 se puede disfrutar hasta que el hijo cumple 14 años.

# R-INFO-2
detail-parental-leave-how-to-apply =
    El permiso parental se solicita antes de empezarlo,
    en línea en la web del INPS, inps punto it, con SPID, CIE o CNS, o a través de un patronato.

# R-INFO-2
detail-parental-leave-duration =
    El permiso parental dura en total hasta 10 meses para la pareja,
    u 11 si el padre toma al menos 3 meses.
    Cada progenitor tiene 3 meses que no puede ceder al otro.
    Desde enero de 2026 se puede disfrutar hasta que el hijo cumple 14 años; antes el límite eran 12 años.

# R-INFO-2
detail-parental-leave-amount =
    En el permiso parental, 3 meses se pagan al 80 % del salario si se toman antes de que el hijo cumpla 6 años,
    para los progenitores cuyo permiso de maternidad o paternidad terminó en 2025 o después.
    Otros 6 meses se pagan al 30 %.
    Los meses restantes se pagan al 30 % solo a los progenitores con ingresos bajos.
