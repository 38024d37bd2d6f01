return Clip3D.Cli.CliApp.Run(args);
